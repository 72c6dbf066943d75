"""Community tension monitoring and events of risk.

``entries``: officers' tension entries (date, ward, category, level, an officer-only narrative);
``events``: planned events and periods of risk and their debriefs; ``rise``: the fixed, documented
test for an unusual rise in a ward's reports; ``assessment``: the weekly assessment per ward and the
borough overview built from them. The narrative never leaves the officer pages.
"""
