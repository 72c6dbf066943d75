"""Running a definition: navigation, drafts in progress and the one answer step."""
