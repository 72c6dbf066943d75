"""The words of the public place pages (the safe spaces map, the safe havens list) and of the maps'
scripts (map.mjs, havens-near.mjs), marked for translation and shown in the page's language.

The scripts hold no words of their own: :func:`map_texts` gives them these, translated, in a JSON
script element that every page with a map carries (``webapp.places.maps.allow_map``). Placeholders
are ``{name}``, filled in by the script.
"""

from __future__ import annotations

from typing import Any

from survey.languages import N_
from survey.places.postcodes import NotFound
from survey.places.texts import ABOUT_KILOMETRES, ABOUT_METRES, UNDER_100_METRES
from webapp.public.language import t

SAFE_SPACES_TITLE = N_("Safe spaces map")
SAFE_HAVENS_TITLE = N_("Safe havens")

NEAR_LABEL = N_("Postcode or area")
NEAR_BUTTON = N_("Find safe havens near here")
NOT_FOUND = {
    NotFound.EMPTY: N_("Enter a postcode or the name of an area"),
    NotFound.POSTCODES_UNAVAILABLE: N_("Postcodes are not available on this site. Enter the name of an area, "
                                       "or use the map or the list of all safe havens"),
    NotFound.POSTCODE_NOT_FOUND: N_("We could not find that postcode. Check it, or enter the name of "
                                    "an area"),
    NotFound.PLACE_NOT_FOUND: N_("We could not find that place. Enter a postcode, like SW1A 2AA, or the name "
                                 "of an area"),
}
NO_WARDS_NOT_FOUND = {
    NotFound.PLACE_NOT_FOUND: N_("We could not find that place. Enter a postcode, like SW1A 2AA"),
}
HINT_POSTCODE_OR_AREA = N_("For example SW1A 2AA, or the name of your area, like {area}. "
                           "We do not keep what you type.")
HINT_POSTCODE = N_("For example SW1A 2AA, or just the first part, like SW1A. We do not keep what you type.")
HINT_AREA = N_("Postcodes are not available on this site. Enter the name of your area, like {area}. "
               "We do not keep what you type.")

#: The scripts' words, by the name the scripts use.
SCRIPT_TEXTS = {
    # map.mjs
    "map": N_("Map"),
    "zoomIn": N_("Zoom in"),
    "zoomOut": N_("Zoom out"),
    "closePopup": N_("Close popup"),
    "openNow": N_("Open now."),
    "closedNow": N_("Closed now."),
    "reports": N_("{count} reports"),
    "seeCellReports": N_("See the reports in this cell"),
    "theArea": N_("the area"),
    "continue": N_("Continue"),
    "useMyLocation": N_("Use my location"),
    "removePin": N_("Remove the pin"),
    "yourPin": N_("Your pin"),
    "outside": N_("That place is outside {area}. Choose a place inside the area shown on the map."),
    "pinPlacedClick": N_("Pin placed where you clicked inside {area}. Select {save} to use this place, "
                         "or move the pin."),
    "pinPlacedCrosshair": N_("Pin placed at the crosshair inside {area}. Select {save} to use this place, "
                             "or move the pin."),
    "pinPlacedLocation": N_("Pin placed at your location inside {area}. Select {save} to use this place, "
                            "or move the pin."),
    "pinPlacedClickCleared": N_("Pin placed where you clicked inside {area}. The postcode was cleared, so "
                                "the pin is used. Select {save} to use this place, or move the pin."),
    "pinPlacedCrosshairCleared": N_("Pin placed at the crosshair inside {area}. The postcode was cleared, so "
                                    "the pin is used. Select {save} to use this place, or move the pin."),
    "pinPlacedLocationCleared": N_("Pin placed at your location inside {area}. The postcode was cleared, so "
                                   "the pin is used. Select {save} to use this place, or move the pin."),
    "crosshairInside": N_("The crosshair is inside the area. Press Enter to put the pin here."),
    "crosshairOutside": N_("The crosshair is outside {area}."),
    "finding": N_("Finding your location…"),
    "notFoundPin": N_("We could not find your location. Put a pin on the map or name the place below."),
    "pinRemoved": N_("Pin removed."),
    # havens-near.mjs
    "under100": UNDER_100_METRES,
    "aboutMetres": ABOUT_METRES,
    "aboutKilometres": ABOUT_KILOMETRES,
    "nearestToYou": N_("Safe havens nearest to you"),
    "sorted": N_("The list is now in order of distance from you. The nearest is {name}: {distance}."),
    "notFoundNear": N_("We could not find your location. Type a postcode or area instead, or look through "
                       "the list."),
}


def map_texts() -> dict[str, Any]:
    """The scripts' words in the page's language, and which way the page is written."""
    return {name: t(text) for name, text in SCRIPT_TEXTS.items()}
