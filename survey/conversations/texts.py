"""Everything the conversations say that is not a question from a definition, in one place per text.

Short words, short sentences: many of the people reading this are 11 to 17. Each text is whole
sentences; a text that shows a value has a named placeholder (``{reference}``), filled with
``str.format``, so a translation can move it. Messages are laid out from these texts with
:func:`lines` and :func:`paragraphs` only; no sentence is built by joining pieces.
"""

from __future__ import annotations

from survey.languages import N_

WELCOME = N_("""Hi. You can use this chat to tell {name} about a place where you feel unsafe, or about \
something that worries you. You can also find help, and see what happened to a report you sent.

What we keep:
- only what you choose to send us, with a reference number.

What we do not keep:
- your name, your username, your phone number or your Telegram account number.

We forget this chat 30 minutes after your last message. To make us forget it now, type /forget.

Nobody watches this chat all the time, so we cannot reply straight away.
If you or someone else is in danger right now, call 999.""")

WELCOME_WEB = N_("""Hi. You can use this chat to tell {name} about a place where you feel unsafe, or about \
something that worries you. You can also find help, and see what happened to a report you sent.

What we keep:
- only what you choose to send us, with a reference number.

What we do not keep:
- your name, your phone number, your internet address or anything else that says who you are.

We forget this chat 30 minutes after your last message. To make us forget it now, choose \
"Forget this chat" or type /forget. "Exit this page" forgets it too.

Nobody watches this chat all the time, so we cannot reply straight away.
If you or someone else is in danger right now, call 999.""")

MENU = N_("What do you want to do?")
MENU_REPORT = N_("Report a place that feels unsafe")
MENU_WORRY = N_("Tell us about a worry")
MENU_HELP = N_("Get help")
MENU_HAVENS = N_("Safe havens near me")
MENU_CHECK = N_("Check a report")
BACK_TO_MENU = N_("Back to the menu")

HELP = N_("""Here is what you can do:
- Report a place that feels unsafe
- Tell us about a worry
- Get help: who you can talk to
- Safe havens near me: places you can go into if you feel scared
- Check a report: see what happened to a report you sent

Type these at any time:
/start to see the menu
/cancel to stop what you are doing (nothing is sent)
/forget to make us forget this chat now
/help to see this message

If you or someone else is in danger right now, call 999.""")

CANCELLED = N_("OK, I have stopped. Nothing was sent.")
CANCELLED_HELD = N_("OK, I have stopped. We will still pass on what you told us about being in danger. "
                    "It will not say who you are.")
FORGOTTEN = N_("Done. I have forgotten this chat. Anything you already sent stays with the team under its "
               "reference, but it does not say who you are.\n\nTo delete the messages from your phone too, "
               "delete this chat in Telegram.")
FORGOTTEN_HELD = N_("Done. I have forgotten this chat. We will still pass on what you told us about being in "
                    "danger, because someone may need help. It does not say who you are.\n\n"
                    "To delete the messages from your phone too, delete this chat in Telegram.")
FORGOTTEN_WEB = N_("Done. I have forgotten this chat. Anything you already sent stays with the team under "
                   "its reference, but it does not say who you are.\n\nIf other people use this device, "
                   "you can also delete this website from your browser history.")
FORGOTTEN_HELD_WEB = N_("Done. I have forgotten this chat. We will still pass on what you told us about "
                        "being in danger, because someone may need help. It does not say who you are.\n\n"
                        "If other people use this device, you can also delete this website from your browser "
                        "history.")
HELD = N_("If you stop here, we will still pass on what you told us about being in danger. "
          "It will not say who you are.")
UNKNOWN_COMMAND = N_("Sorry, I do not know that command. Type /help to see what you can do.")
UNSUPPORTED = N_("Sorry, I can only read typed messages and locations. I cannot see stickers, photos, "
                 "voice notes or files. Please type your answer.")
LOCATION_NOT_READ = N_("Sorry, I could not read that location. "
                       "Please share your location again or type the place.")
EDITED = N_("I cannot see changes to a message you have already sent. "
            "If you want to change something, send it again.")
STALE_BUTTON = N_("That button is from an older message, so it does not work any more.")
PICK_A_BUTTON = N_("Please tap one of the buttons, or type /cancel to stop.")
NOT_SET_UP = N_("Sorry, this chat is not set up yet. If you are in danger right now, call 999.")
GROUP_CHAT = N_("I only talk in private chats, so nobody else sees what you tell me. "
                "Please send me a message directly.")
SOMETHING_WENT_WRONG = N_("Sorry, something went wrong on our side. Please try again, or type /start.\n"
                          "If you or someone else is in danger right now, call 999.")

CANCEL = N_("Cancel")
SKIP = N_("Skip this question")
DONE = N_("Done")
SEND = N_("Send it")
START_AGAIN = N_("Start again")
SHARE_LOCATION = N_("Share my location")

QUESTION = N_("Question {number} of {total}")
QUESTION_NUMBER = N_("Question {number}")
WHICH_ONE = N_("Which of these is right for you?")
GO_BACK = N_("Go back")
TICK_ALL_THAT_APPLY = N_("Tap all that are true, then tap Done.")
TAP_IN_ORDER = N_("Tap them in order, the most important first, then tap Done.")
TICKED_OPTION = N_("✓ {label}")
RANKED_OPTION = N_("{rank}. {label}")

FORM_CLOSED = N_("Sorry, you cannot send this here right now. You can still get help.")
TYPE_OTHER = N_("Type what you mean, in a few words.")
LOCATION_PROMPT = N_("Tap \"Share my location\" below to send where you are now, or type the name of a "
                     "street, park, shop or landmark.")
LOCATION_PROMPT_WEB = N_("Type the name of a street, park, shop or landmark. If you see a "
                         "\"Share my location\" button, you can use it to send where you are now.")
LOCATION_AREAS = N_("Or choose an area:")
LOCATION_OPTIONAL = N_("You do not have to say where.")
LOCATION_STOP = N_("You can stop at any time.")
GOT_LOCATION = N_("Thanks, I have the place.")
CHECK = N_("Please check what you are sending:")
CHECK_SEND = N_("Tap \"Send it\" to send this to the team. Nobody will know it was you.")

THANK_YOU = N_("Thank you for telling us. You did the right thing.")
SENT_URGENT = N_("What you told us sounds serious, so we have marked it as urgent. "
                 "The team will look at urgent reports first.")
YOUR_REFERENCE = N_("Your reference is {reference}.\nYour check code is {code}.\n\n"
                    "Keep them both somewhere safe, like a note on your phone. To see what the team has "
                    "done, tap \"Check a report\" in the menu and type them in. They do not say who you are.")
ALREADY_SENT = N_("We already have this report. Your reference is {reference}. "
                  "Your check code was in the message we sent you then.")
TRUSTED_ADULT = N_("If anything is worrying you, you can always talk to an adult you trust, like a parent or "
                   "carer, a teacher or a youth worker.")
TRUSTED_ADULT_URGENT = N_("Please also tell an adult you trust today, like a parent or carer, a teacher or a "
                          "youth worker. You do not have to deal with this on your own.")
NOT_WATCHED = N_("Nobody watches this chat all the time. "
                 "If you or someone else is in danger right now, call 999.")

HELP_TOPIC = N_("What do you need help with?")
HELP_AGE = N_("How old are you? This helps me show services that are right for you.")
AGE_11_TO_15 = N_("11 to 15")
AGE_16_OR_17 = N_("16 or 17")
AGE_18_TO_24 = N_("18 to 24")
AGE_25_OR_OVER = N_("25 or over")
AGE_RATHER_NOT_SAY = N_("I'd rather not say")
HELP_NONE = N_("I could not find a service for that. You can always call Childline free on 0800 1111.")
HELP_SERVICES = N_("These can help with \"{topic}\":")

HAVENS_ASK = N_("Safe havens are shops, cafes and libraries that will let you come in and get help if "
                "you feel scared.\n\nShare your location and I will find the nearest ones that are open now. "
                "I use it only for this search and do not keep it.")
HAVENS_IF_NOT_SHARING = N_("If you do not want to share your location:")
HAVENS_WITHOUT_LOCATION = N_("Show open ones without my location")
HAVENS_NEAR = N_("The nearest safe havens open now:")
HAVENS_OPEN = N_("Safe havens open now:")
HAVENS_NONE_NEAR = N_("I could not find a safe haven open near you right now.")
HAVENS_NONE = N_("No safe havens are open right now.")
HAVENS_DANGER = N_("If you are in danger right now, call 999. "
                   "A shop or a busy place with people around can also help.")
HAVENS_NEED_LOCATION = N_("To find the nearest ones, tap \"Share my location\". "
                          "Or tap the button to see all open ones.")
HAVENS_NEED_LOCATION_WEB = N_("To find the nearest ones, use \"Share my location\" if you see it. "
                              "Or choose the button to see all open ones.")
HAVEN = N_("{name} ({kind})")
HAVEN_WITH_DISTANCE = N_("{name} ({kind}), {distance}")
HAVEN_OPEN_TODAY = N_("Open today: {hours}")
HAVEN_OPEN_ALL_DAY = N_("Open all day today")
HOURS_SPAN = N_("{opens} to {closes}")
HOURS_AND = N_("{earlier} and {later}")
CLOCK_AM = N_("{time}am")
CLOCK_PM = N_("{time}pm")
MIDDAY = N_("midday")
MIDNIGHT = N_("midnight")
DISTANCE_IN_METRES = N_("about {metres} metres away")
DISTANCE_IN_KM = N_("about {kilometres:.1f} km away")

SERVICE_CONTACT = N_("- {label}: {value}")
SERVICE_CONTACT_IN_WORDS = N_("- {contact}")
SERVICE_OPEN = N_("Open: {hours}")
SERVICE_AREAS = N_("For people in {areas}")


# --- Check a report ----------------------------------------------------------------------------------
CHECK_REFERENCE = N_("What is your reference? It was in the message we sent when you sent your report. "
                     "It looks like this: K7QX-M2PA-9D.")
CHECK_NOT_A_REFERENCE = N_("That does not look like a reference. A reference has 10 letters and numbers, "
                           "like K7QX-M2PA-9D. Please check it and type it again.")
CHECK_CODE = N_("Now type your check code. It looks like this: K7Q-XM2-PAD.")
CHECK_NO_MATCH = N_("Sorry, I could not find a report with that reference and check code. "
                    "Please check them both and try again.")
CHECK_LOCKED = N_("Sorry, this reference cannot be checked today because of too many wrong check codes. "
                  "Please try again tomorrow.")
CHECK_TOO_MANY = N_("Sorry, too many wrong check codes have been typed in this chat. "
                    "Please wait an hour, then try again.")
STATUS_NEW = N_("Your report has reached the team. Nobody has looked at it yet.")
STATUS_REVIEWING = N_("The team is looking at your report.")
STATUS_ACTIONED = N_("The team has done something about your report.")
STATUS_CLOSED = N_("The team has finished with your report.")
CHECK_REPLY = N_("The team's message to you:\n{reply}")
CHECK_NO_REPLY = N_("The team has not left you a message.")
CHECK_PRIVATE = N_("This chat has your reference and check code in it. If other people use your phone, "
                   "you can delete this chat in Telegram when you are done.")
CHECK_PRIVATE_WEB = N_("This chat has your reference and check code in it. If other people use this device, "
                       "choose \"Forget this chat\" when you are done.")
TRY_AGAIN = N_("Try again")
WITHDRAW = N_("Withdraw my report")
WITHDRAW_ASK = N_("If you withdraw your report, we delete it. The team will not see it any more, and we "
                  "cannot get it back.\n\nTo withdraw it, type your check code again. "
                  "To keep it, tap \"Keep my report\".")
KEEP_REPORT = N_("Keep my report")
KEPT = N_("OK, your report has not been changed.")
WITHDRAWN = N_("Done. Your report has been deleted.")
WITHDRAW_NO_MATCH = N_("That check code is not right, so nothing was deleted.")
CHAT_MESSAGE_LIMIT = 1000
CHAT_EMPTY_MESSAGE = N_("Type a message, or choose one of the buttons.")
CHAT_LONG_MESSAGE = N_("Your message is too long. It can be up to {limit} characters. Please make it "
                       "shorter, or send it in parts.")
CHAT_ENDED = N_("Your chat has ended, because nobody wrote in it for 30 minutes or it was forgotten. "
                "Anything you already sent stays with the team. You can start a new chat.")
CHAT_LOCATION_NOT_SHARED = N_("Your location was not shared. You can type the place instead.")
"""The web chat's own messages about what was typed (nothing of it is kept when one is shown)."""

SAID_CHECK_CODE = N_("(Your check code. It is not shown or kept.)")
SAID_LOCATION = N_("(You chose a place on the map.)")
SAID_OLD_BUTTON = N_("(You chose a button from an older message.)")
"""How the web chat's transcript shows what the person did, where it does not show their own words."""

# --- Languages ---------------------------------------------------------------------------------------
LANGUAGE_BUTTON = N_("Language: Cymraeg, Polski, اردو")
"""The menu's last button: the word "Language" and the other languages, each named in itself."""
LANGUAGE_ASK = N_("Which language do you want me to write in?")
LANGUAGE_CHOSEN = N_("OK. I will write in English from now on.")

COMMAND_START = N_("Show the menu")
COMMAND_HELP = N_("What I can do")
COMMAND_CANCEL = N_("Stop what you are doing")
COMMAND_FORGET = N_("Forget this chat now")
COMMAND_LANGUAGE = N_("Choose a language")
"""Telegram's list of commands beside the message box, set in each language the bot speaks."""

WELCOME_IN = {"telegram": WELCOME, "web": WELCOME_WEB}
FORGOTTEN_IN = {"telegram": FORGOTTEN, "web": FORGOTTEN_WEB}
FORGOTTEN_HELD_IN = {"telegram": FORGOTTEN_HELD, "web": FORGOTTEN_HELD_WEB}
CHECK_PRIVATE_IN = {"telegram": CHECK_PRIVATE, "web": CHECK_PRIVATE_WEB}
LOCATION_PROMPT_IN = {"telegram": LOCATION_PROMPT, "web": LOCATION_PROMPT_WEB}
HAVENS_NEED_LOCATION_IN = {"telegram": HAVENS_NEED_LOCATION, "web": HAVENS_NEED_LOCATION_WEB}
"""The texts that differ between the chats, by :class:`~survey.conversations.messages.ChatChannel`."""


def lines(*parts: str | None) -> str:
    """Texts one under another (empty ones left out)."""
    return "\n".join(part for part in parts if part)


def paragraphs(*parts: str | None) -> str:
    """Texts with a blank line between them (empty ones left out)."""
    return "\n\n".join(part for part in parts if part)

