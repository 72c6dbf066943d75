"""The demo partnership's action plan: four priorities answering the demo consultation's ranked issues,
ten actions in every status (some overdue), and a few dated progress updates.

Dates are set from the day the demo is loaded, so some actions are always overdue and the last two
quarters always have updates. Idempotent: a partnership that has a plan already gets nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from survey.consultations import partnership_consultation
from survey.plans import store
from survey.storage.models import Partnership
from survey.vocabulary import RagStatus

DEMO_CONSULTATION_SLUG = "community-safety-2026"
R, A, G, C = RagStatus.RED, RagStatus.AMBER, RagStatus.GREEN, RagStatus.COMPLETE

# title, ranked issue, description; then each action: description, lead, partners, due (days from
# today), status, success measure, summary for residents, updates (days ago, status, text, public).
PLAN = (
    ("Reduce anti-social behaviour in neighbourhoods", "anti_social_behaviour",
     "Residents ranked anti-social behaviour as the issue with the biggest impact on community safety.", (
         ("Run a weekend detached youth work pilot on the Northfield estate", "Council youth service",
          "Police; Northfield Housing", 60, G, "Young people reached each weekend; ASB calls on the estate",
          "Youth workers are out on the Northfield estate at weekends.",
          ((120, A, "Recruitment of two youth workers took longer than planned.", False),
           (45, G, "Both youth workers in post; sessions run every Friday and Saturday.", True))),
         ("Agree a joint ASB case review process with housing providers", "Council community safety team",
          "Registered housing providers", -20, R, "A signed protocol; cases reviewed within 10 days",
          "", ((30, R, "Two housing providers have not yet signed the protocol.", False),)),
         ("Install CCTV at the Market Street car park", "Council CCTV team", "Police", -90, C,
          "Cameras live and monitored", "New CCTV cameras cover the Market Street car park.",
          ((100, C, "Cameras installed and monitored from the control room.", True),)),
     )),
    ("Tackle violence, including knife crime", "violence",
     "Violence was ranked in the top three issues and knife crime is a Serious Violence Duty priority.", (
         ("Deliver knife crime awareness sessions in every secondary school", "Police schools officers",
          "Schools; Youth Offending Service", 120, G, "Sessions delivered in all 8 secondary schools",
          "Police officers are running knife crime sessions in every secondary school.",
          ((50, G, "Sessions delivered in 5 of 8 schools.", True),)),
         ("Install a second knife bin at the bus station", "Council community safety team", "Police",
          -35, A, "Bin installed; items surrendered each quarter", "",
          ((40, A, "Site agreed; awaiting the bin from the supplier.", False),)),
         ("Fund a hospital-based youth worker at the emergency department", "Violence Reduction Unit",
          "NHS trust; Council", 200, G, "Young people offered support after an assault", "", ()),
     )),
    ("Disrupt drug dealing and support people who use drugs", "drug_dealing_and_drug_use",
     "Residents ranked drug dealing and drug use among their top concerns.", (
         ("Close two cuckooed properties through closure orders", "Police", "Council housing", -10, R,
          "Closure orders granted", "Police are using closure orders against drug dealing in homes.",
          ((60, A, "First closure order application made.", False),
           (15, R, "Court hearing postponed twice; the second property is not yet identified.", False))),
         ("Extend the drug and alcohol outreach service to evenings", "Drug and alcohol service",
          "Council public health", 90, G, "Evening outreach sessions each week", "", ()),
     )),
    ("Make the town centre feel safer at night", "town_centre_safety",
     "Town centre safety matters most to people who visit after dark.", (
         ("Replace street lighting on the riverside path", "Council highways", "", -60, C,
          "All 24 lights replaced with LED", "The riverside path has new, brighter street lights.",
          ((70, C, "All lights replaced.", True),)),
         ("Launch a Safe Haven scheme with town centre businesses", "Council community safety team",
          "Business improvement district", 30, A, "20 businesses signed up and trained",
          "Shops and cafes in the town centre will offer a safe place to anyone who feels unsafe.",
          ((25, A, "12 businesses signed up so far.", True),)),
     )),
)


def load_demo_plan(session: Session, partnership: Partnership, today: dt.date | None = None) -> int:
    """Add the demo action plan to ``partnership`` unless it has one; returns how many actions were added.

    Its priorities are linked to the ranked issues of the demo consultation, when it exists.
    """
    if store.priorities(session, partnership.id):
        return 0
    consultation = partnership_consultation(session, partnership.id, DEMO_CONSULTATION_SLUG)
    today = today or dt.date.today()
    added = 0
    for order, (title, issue, description, actions) in enumerate(PLAN, start=1):
        link = {"consultation_id": consultation.id, "question_id": "priorities", "option_value": issue} \
            if consultation is not None else {}
        priority = store.create_priority(session, partnership.id,
                                         store.PriorityFields(title, description, sort_order=order, **link),
                                         officer_id=None)
        for text, lead, partners, due_in, status, measure, summary, updates in actions:
            due = today + dt.timedelta(days=due_in)
            fields = store.ActionFields(text, lead, partners, due, measure, summary)
            start = G if updates else status  # each update then records the status it changed
            action = store.create_action(session, priority, fields, status=start, officer_id=None)
            for days_ago, new_status, words, public in updates:
                store.add_update(session, action, text=words, status=new_status,
                                 made_on=today - dt.timedelta(days=days_ago), officer_id=None, public=public)
            added += 1
    return added
