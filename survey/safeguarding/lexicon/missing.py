"""Patterns for a child missing from home or care, and for being held somewhere or unable to get home.

Missing: gone missing, not home for days, run away, thrown out, sleeping rough, staying with older
men or "the olders", nobody knowing where they are. Held: not let go, locked in, kept at a flat,
stranded with no money or phone, not knowing where they are.
"""

from __future__ import annotations

from survey.safeguarding.lexicon.words import OLDER

_SOMEONE_CLOSE = (r"(?:i|we|he|she|they|my \w+(?: \w+)?|friend|mate|sister|brother|cousin|bestie|a (?:girl|"
                  r"boy|kid|child|friend) (?:in|from|at) \w+|(?:girl|boy|kid) (?:in|from|at) (?:my|our) "
                  r"\w+)")
_DAYS = (r"(?:days|nights|weeks|a week|a whole week|all weekend|the whole weekend|(?:\d+|a few|two|three|"
         r"four|five|several|a couple of|couple of) (?:days|nights|weeks))")
_OBJECT = r"(?:phone|keys|shoes|passport|money|bus pass|travel card|oyster|id|bag)"
_TAKER = (r"(?:they|he|she|them|the (?:man|men|guy|guys|olders|gang)|these \w+|some \w+|older \w+|man|men|"
          r"guy|guys)")
_NO_WAY_HOME = (r"(?:no money|no phone|no credit|phone (?:is )?dead|phone died|dark|stuck|lost|do not know "
                r"where|left me|took my|will not let|scared|alone|middle of nowhere|miles|no bus|no way|far "
                r"from home)")

MISSING = (
    ("gone_missing", ("missing",),
     rf"{_SOMEONE_CLOSE}(?: \w+){{0,3}} (?:(?:has gone|has been|have been|is|are|been|went|gone|was|were|"
     r"keeps going|keep going|goes|going|reported|got reported|still|now) )?missing(?=$| since| for| \d| "
     r"not| over| days| a week| from (?:home|school|care)| again| and| but| now| still| tonight| please| "
     r"help| i | she| he| they| we| the police| police| its| it is| lol| on| too| as well| with| at "
     r"weekends| every)|missing (?:from|since) (?:home|school|care|her \w+|his \w+|their \w+|friday|"
     r"saturday|sunday|monday|tuesday|wednesday|thursday|yesterday|last night|the weekend|\d+ days|days)|"
     r"(?:reported|report) (?:\w+ )?missing|(?:vanished|disappeared|missing|ran away|run away|absconded|"
     r"went awol|gone awol) from (?:her|his|their|my|the) (?:childrens home|children s home|care home|"
     r"foster \w+|placement|unit)|(?:have not|has not|nobody has|no one has|not) (?:seen|heard from) (?:\w+ "
     r"){0,2}(?:since|for|in) (?:days|\d+ days|a week|monday|tuesday|wednesday|thursday|friday|saturday|"
     r"sunday|last night|yesterday|the weekend|ages)(?: \w+){0,6} (?:worried|going mad|police|not "
     r"answering|phone off|no one knows|nobody knows|not replying|scared|crying)"),
    ("not_been_home", ("missing",),
     r"(?:has not|have not|had not|not|never|did not|does not|has never) (?:been|come|came|gone|got|went|"
     r"coming)(?: back)? (?:at )?home(?: or (?:at )?school)?(?= (?:for|since|in|last night|all night|all "
     r"weekend|all week|at all|\d|days|nights|a few|two|three|this week|after (?:school|college|the party|"
     rf"training|practice))|$)|not home for {_DAYS}|has not come home|(?:has not|have not|had not|never|not) "
     rf"(?:come|came|been|gone) back(?= since| for {_DAYS}|$)|away from home (?:for )?{_DAYS}|"
     rf"{_SOMEONE_CLOSE}(?: \w+){{0,2}} (?:been )?gone (?:for )?{_DAYS}"),
    ("ran_away", ("missing",),
     r"(?:ran|run|runs|running|runing) (?:away|off)(?= (?:from (?:home|care|my (?:house|home|foster \w+|"
     r"carers?|care home|placement|mum|mums|dad|dads|parents|family|step \w+)|(?:her|his|their) (?:home|"
     r"house|foster \w+|carers?|care home|placement|mum|dad|parents|family))|last night|tonight|today|"
     r"yesterday|again|to|with (?:him|her|them|a man|a guy|older \w+|some \w+|my boyfriend|her boyfriend|"
     r"his girlfriend)|and|for|because|cos)|$)"),
    ("thrown_out", ("missing",),
     r"(?:kicked|thrown|threw|chucked|kicks|throws) (?:me|us|her|him) out(?=$| of (?:the |my |our |his |her "
     r")?(?:house|home|flat)| and| last| for| so| because| at| again| on the street)|(?:sofa|couch) surf\w*|"
     r"(?:sleeping|slept|sleep|sleeps|living|live|lives) (?:rough|on the streets?|outside|in a park|in the "
     r"park|at the station|in a stairwell)|nowhere (?:to|else to) (?:go|sleep|stay|live)|(?:i am|i|we are|"
     r"we) (?:\w+ )?homeless|(?:left|leave|leaving) (?:home|care)(?= (?:and|because|cos|last|yesterday|for "
     r"good|forever|tonight)|$)|(?:left|leave|leaving|walked out of|ran from|run from) (?:my |her |his |the "
     r")?(?:foster \w+|care home|childrens home|children s home|placement|supported housing|residential)"),
    ("not_going_home", ("missing",),
     r"(?:not|never) (?:going|coming|go|come) (?:back )?home(?= (?:again|ever|tonight|anymore|any more|i am|"
     r"i will)|$)|(?:i am|i|we|she|he) (?:\w+ )?not (?:going|coming) back(?= home| there| to (?:my|her|his|"
     r"the) (?:house|home|foster|care|placement|mum|dad)|$)"),
    ("nobody_knows_where", ("missing",),
     r"(?:parents|mum|dad|family|carers?|nobody|no one|noone|police|teachers?|social worker|foster \w+|we|i|"
     r"they)(?: \w+){0,2} (?:knows?|know) where (?:she|he|i|they|my (?:\w+ )?(?:friend|mate|sister|"
     r"brother|cousin|son|daughter|sis|bro)) (?:is|am|are|was|went|has gone|have gone|has been|is staying|"
     r"am staying)(?! (?:going|doing|at with|meant|supposed|putting)(?= ))"),
    ("no_home", ("missing",),
     r"(?:do not|no longer) live at home(?= anymore| any more| now| i|$)|(?:sleep|sleeping|stay|staying|kip|"
     r"kipping) (?:wherever|anywhere) i can|(?:nobody|no one) has (?:seen|heard from) (?:her|him|them|my "
     r"\w+)"),
    ("searched_for", ("missing",),
     r"(?:police|social services|social workers?|my parents|her parents|his parents|her mum|his mum|her dad|"
     r"his dad|search party)(?: \w+){0,2} (?:are |is |were |was |have been |has been )?(?:looking|"
     r"searching) for (?:my|her|him|them|me)|(?:do not|never|not) (?:want to|wanna|going to) go back (?:to|"
     r"home to) (?:my |the )?(?:foster \w+|care home|childrens home|placement)|staying out (?:all night|"
     r"tonight|overnight|for days)"),
    ("disappearing", ("missing", "exploitation"),
     r"(?:disappears|disappeared|disappearing|vanishes|vanished|goes missing|going missing|keeps going "
     r"missing) (?:\w+ ){0,2}(?:for (?:days|hours|nights|weeks|the weekend|a few days|\d+ days|whole "
     r"weekends?|ages)|overnight|all night|every weekend|at weekends)"),
    ("with_older_men", ("missing", "sexual_exploitation"),
     r"(?:missing|ran away|run away|runaway)(?: \w+){0,8} (?:with|is with|at a house with|at a flat with|"
     rf"at his flat with) (?:{OLDER}|some men|these men|those men|a man|that man|some guy|this guy|older "
     r"\w+)|(?:staying|stay|stayed|sleeping|sleep|living|live|kipping|crashing) (?:at|with|in) (?:some |an |"
     r"this |a |these |the |my )?(?:older |random )?(?:guys?|man|men|mans|blokes?|boyfriends?|adults?|"
     r"strangers?|people i do not know)"),
    ("with_the_olders", ("missing", "exploitation"),
     r"(?:staying|stay|stayed|sleeping|sleep|living|live|kipping|crashing) (?:at|with|in) (?:some |the |"
     r"these )?olders|(?:olders|older \w+|men|guys|they) (?:\w+ )?(?:let|lets|letting) (?:me|her|him|us) "
     r"(?:stay|sleep|crash|kip)"),
)

HELD = (
    ("not_let_go", ("held",),
     rf"{_TAKER}(?: \w+){{0,8}} (?:will not|would not|do not|does not|did not|not|never) (?:let|letting) "
     r"(?:me|us|her|him|my \w+)(?: \w+)? (?:leave|go|out|get out|escape|go home|come home|go back|get "
     r"home)(?! (?:to|for|on|with|out|shopping|swimming|outside|in)(?= ))"),
    ("cannot_leave", ("held",),
     r"can not (?:leave|get out|go)(?= (?:they said|he said|she said|they will not|he will not|i owe|till i "
     r"pay|until i pay|they took|he took|the door is locked)|$)|(?:made|forced|kept|told) (?:me )?(?:to "
     r")?stay (?:in|at) (?:a|the|their|his|some) (?:\w+ )?(?:flat|house|room|trap|bando|place)|(?:moving|"
     r"move|moved|moves) (?:me|us|her|him) (?:between|around|from) (?:houses|flats|places|towns)"),
    ("stuck_with_men", ("held",),
     r"(?:stuck|trapped|locked) in (?:a|the|their|his|some) (?:car|van|flat|house|room)(?: \w+){0,3} with "
     r"(?:some |these |older |two |three |random |a )?(?:guys|men|lads|man|guy|people|strangers)"),
    ("cannot_get_away", ("held",),
     r"(?:can not|could not|not able to|unable to) (?:get away|escape|get out)(?: from)? (?:him|them|this "
     r"\w+|that \w+|these \w+|some \w+|the (?:man|men|guy|guys|olders|gang)|a (?:man|guy))(?= |$)"),
    ("locked_in", ("held",),
     r"(?:locked|locking|lock|locks) (?:me|us|her|him|my \w+) (?:in|inside|up)(?= |$)(?! (?:my|her|his|"
     r"their) (?:room|bedroom))|(?:locked|trapped|held|kept|shut) (?:in|inside|up in) (?:a|the|their|his|"
     r"some|this|an|someones|somebody s) (?:\w+ )?(?:room|flat|house|car|van|cupboard|shed|basement|"
     r"bathroom|garage|bedroom|building|boot|cellar|loft|trap|bando)"),
    ("kept_at", ("held",),
     r"(?:keep|keeps|keeping|kept|hold|holds|holding|held) (?:me|us|her|him|my \w+) (?:at|in|inside) (?:a|"
     r"the|their|his|some|this|an) (?:\w+ )?(?:house|flat|room|trap|bando|place|car|van)|(?:been|being|was|"
     r"were|is|am|are|got) (?:kept|held) (?:at|in|inside) (?:a|the|their|his|some|this|an) (?:\w+ "
     r")?(?:house|flat|room|trap|bando|place)"),
    ("cannot_leave_until", ("held", "exploitation"),
     r"(?:can not|could not|not allowed to) (?:leave|go|go home|get out)(?: \w+){0,2} (?:until|till|unless) "
     r"(?:i|we|she|he) (?:pay|pays|paid|sell|sold|finish|do|give|work)"),
    ("things_taken", ("held",),
     rf"(?:took|taken|take|has|have|got) (?:my|her|his) {_OBJECT}(?: \w+){{0,6}} (?:can not|could not|not "
     r"able to) (?:leave|go|get home|get out|get back|escape|call)|(?:took|take|taken) (?:my|her|his) "
     rf"{_OBJECT}(?: \w+){{0,4}} (?:so|and) (?:i|she|he) (?:could not|can not)|{_OBJECT}(?: and (?:my "
     r")?\w+)? (?:got|was|were|has been|have been) (?:taken|stolen|nicked|robbed)(?: \w+){0,6} (?:miles|"
     rf"far from|can not get|no way|do not know where|stuck|stranded)|{_TAKER}(?: \w+){{0,2}} (?:will not|"
     rf"would not|not|refuses to|refused to) give (?:me )?(?:my|her|his|me back my|back my) {_OBJECT}(?: "
     r"back)?(?=$| i| so| and i)"),
    ("no_way_home", ("held",),
     r"(?:can not|could not|not able to|unable to|no way to|how do i) (?:get|go|make it) (?:back )?home(?: "
     rf"\w+){{0,8}} {_NO_WAY_HOME}|{_NO_WAY_HOME}(?: \w+){{0,8}} (?:can not|could not|not able to|unable to|"
     r"no way to) (?:get|go|make it) (?:back )?home|(?:have|got|there is|with|and) no way (?:to get "
     r")?(?:back )?home|(?:in|at) (?:a|some) (?:town|city|place|area) i do not know(?! (?:anyone|many|"
     r"much)(?= ))"),
    ("stranded", ("held",),
     r"(?:stranded|abandoned|dumped|left) (?:me |us |her )?(?:in|at|on) (?:a|some|the middle of|this|"
     r"another|a different|a random|an)(?: \w+){0,2} (?:town|city|place|area|nowhere|station|service "
     r"station|road|motorway)|(?:left|dumped|dropped|abandoned) (?:me|us|her|him) (?:here |there )?(?:with "
     r"no|in the middle of nowhere|miles from|and drove off|alone at|on my own)|stuck in (?:a |some |this "
     r")?(?:\w+ )?(?:town|city|place) i do not know|stuck in (?!traffic|a queue|the lift|bed|school|class|"
     r"detention)[a-z]+ (?:and|with) (?:they|he|no money|no phone)|(?:stranded|stuck) (?:in|at) (?:\w+ "
     r"){0,2}(?:with no|no) (?:money|phone|credit|way)|(?:stuck|stranded|left|dumped) (?:at|in) (?:a|some|"
     r"the) (?:\w+ )?(?:flat|house|place)(?: \w+){0,2} in (?:another|a different|a strange|some) (?:town|"
     r"city|place)|(?:lift|ride|mates|friends|everyone) (?:left|has left|went|drove off)(?: \w+){0,6} "
     r"(?:scared|do not know anyone|alone|no money|stuck|miles)"),
    ("where_am_i", ("held",),
     r"(?:do not|does not|no|not) (?:\w+ )?(?:know|idea|sure) where i am(?! (?:going|doing|at with|meant|"
     r"supposed|putting|at in))"),
)
