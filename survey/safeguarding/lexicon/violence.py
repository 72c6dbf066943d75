"""Patterns for weapons and for danger right now: threats, being followed or hunted, intruders, injury."""

from __future__ import annotations

from survey.safeguarding.lexicon.words import IMPROVISED, INTENT, PERSON, WEAPON, WHO

_HARMFUL = rf"(?:{WEAPON}|{IMPROVISED})"
_THREATENER = (r"(?:someone|somebody|some one|a (?:man|guy|woman|car|van|gang)|men|man|guy|guys|people|they|"
               r"he|she|this \w+|some \w+|the (?:man|men|guy|guys|gang|olders|opps)|there is (?:a |some "
               r")?\w+|there are (?:some )?\w+)")
_KIN = r"(?:me|us|my (?:mum|dad|family|brother|sister|nan|friend|mate|cousin|little \w+|big \w+))"

WEAPONS = (
    ("weapon_possession", ("weapons",), rf"{WHO}(?: \w+){{0,3}} "
     r"(?:has|had|have|got|gets|carry|carries|carrying|carried|bring|brings|brought|bringing|keep|keeps|kept|"
     r"pulled|pulls|showed|shows|showing|holding|holds|hold|hiding|hides|hid|hide|with|stash|stashes|stashed|"
     r"bury|buried|sold|sell|sells|selling|buy|bought|buying|order|ordered|get|getting|selling)(?: \w+){0,3} "
     rf"{WEAPON}"),
    ("weapon_with", ("weapons",), rf"(?:with|waving|wielding|brandishing) (?:\w+ )?(?:\w+ )?{WEAPON}"),
    ("weapon_on_person", ("weapons",),
     r"(?:ting|tool|piece|strap|wap|skeng|burner|nank|bora|shank|blade|knife|gun) (?:on|in|under) "
     r"(?:him|her|them|me|his|their|my)"),
    ("carrying_bare", ("weapons",),
     rf"{WHO}(?: \w+){{0,3}} (?:carrying|carries|carry)(?= (?:and|right now|now|tonight|again|innit|tho|fr|"
     r"bro|at|in|around|round here|on the|every ?day|all the time|to school|for protection|so|i|because|but|"
     r"like|as well|also|man)|$)"),
    ("strapped", ("weapons",), rf"{WHO}(?: \w+){{0,2}} strapped"),
    ("weapon_to_use", ("weapons",),
     rf"(?:{WEAPON}|{IMPROVISED})(?: \w+){{0,6}} (?:to use on|use it on|using it on|for using on) (?:people|"
     r"someone|somebody|me|him|her|them|kids|the opps|opps)"),
    ("weapon_found", ("weapons",),
     rf"(?:found|dropped|left|hidden|hid|stashed|saw|seen|spotted) (?:\w+ ){{0,2}}{WEAPON}(?: \w+){{0,3}} "
     r"(?:in|at|on|under|behind|by) (?:the|my|our|his|her|their|a|school|class)(?! (?:kitchen|drawer|"
     rf"dishwasher|sink|cupboard|shop|film|game)(?= ))|(?:{WEAPON}|{IMPROVISED})(?: \w+){{0,5}} for "
     rf"protection|{WEAPON} (?:\w+ )?(?:hidden|stashed|buried|dropped|left) (?:in|at|under|behind|by)|"
     rf"{WEAPON}(?: \w+){{0,2}} to (?:look after|mind|hold|keep|hide|stash)"),
    ("weapon_threat", ("weapons", "immediate_danger"),
     rf"(?:{INTENT}|get|getting|got) (?:come and )?(?:stab|stabbed|shank|shanked|shoot|shot|knife|poke|wet|"
     rf"merk|bang|slash|chef|jook|juk|ching|dip|bore|splash)(?: {PERSON}|$)|(?:dip|dips|dipped|dipping|"
     r"ching|chinged|wet|wets) (?:people|someone|somebody|man|mans|yutes|kids)(?= )|"
     rf"{INTENT} (?:cut|slash) (?:me|us|you|him|her|them)"),
    ("weapon_pulled_on", ("weapons", "immediate_danger"),
     rf"(?:pulled|pull|pulls|pulling|drew|waved|waving|swung|swinging) (?:out )?(?:\w+ )?(?:\w+ )?{_HARMFUL} "
     r"(?:on|at) (?:me|us|my|him|her|his|their|our|them)"),
    ("threatened_with", ("weapons", "immediate_danger"),
     r"(?:threaten\w*|attack\w*|chased|chasing|came at|went for|goes for|hit|hits|hitting) (?:me|us|him|her|"
     rf"them|my \w+)(?: \w+)? with (?:a |an |his |her |their |the )?(?:\w+ )?{_HARMFUL}"),
    ("acid", ("weapons", "immediate_danger"),
     r"(?:throw|throws|threw|throwing|chuck|chucked|spray|sprayed) acid|acid (?:on|at|in) (?:me|my|him|her|"
     r"us|them)"),
    ("weapon_injury", ("weapons", "immediate_danger"),
     r"(?:i|we|me|my \w+|he|she|they|someone|somebody)(?: just| have| has| had)? (?:got|been|was|were|is|are)"
     r" (?:just )?(?:stabbed|shot|slashed|chinged|shanked)|(?:stabbed|slashed|shanked) (?:me|him|her|"
     r"my \w+)"),
    ("weapon_nearby_now", ("weapons", "immediate_danger"),
     rf"{WEAPON}(?: \w+){{0,4}} (?:outside|right now|here now|at my door|coming)"),
)

DANGER = (
    ("in_danger", ("immediate_danger",),
     r"(?:i am|i|we are|we|my \w+ is|someone is|he is|she is|they are|am) (?:in danger|not safe|unsafe)"),
    ("followed", ("immediate_danger",),
     r"(?:someone|somebody|some one|a (?:man|guy|woman|car|van|gang)|men|man|guy|people|they|he|she|this "
     r"\w+|a group of \w+|lads|boys|girls|some (?:lads|boys|girls|men|guys)|the (?:gang|olders|opps)|opps|"
     r"gang) (?:\w+ )?(?:\w+ )?(?:following|chasing|stalking|watching|followed|chased|stalked) (?:me|us|"
     r"(?:our|my) (?:house|flat|home|door))|being (?:followed|stalked|chased|watched)|(?:a (?:man|guy|gang)|"
     r"men|man|guy|this (?:man|guy)|lads|boys|some (?:lads|boys|men|guys)|the (?:gang|olders|opps|man|men)|"
     r"opps|gang)(?: \w+){0,4} (?:waiting for|following|watching) (?:me|us)|(?:man|men|guy|someone|"
     r"somebody|a stranger|stranger)(?: \w+){0,8} (?:watching|filming|photographing|approaching|talking "
     r"to) (?:kids|children|girls|boys|young people)"),
    ("intruder", ("immediate_danger",),
     r"(?:someone|somebody|a man|a guy|men|people|they|he|she|there is|there are|some (?:guy|man|men|lads|"
     r"boys)|this (?:man|guy|woman))(?: \w+){0,2} (?:outside|at|banging on|in|inside|broke into|breaking "
     r"into|trying to get into|trying to get in|trying to break into|trying to break in to|got into|kicking|"
     r"kicking in|smashing) (?:my|our) (?:house|home|flat|door|front door|back door|window|room|bedroom)|"
     r"(?:someone|somebody|a man|a guy|men|people|a stranger|strangers|a gang|lads|boys|they|he)(?: "
     r"\w+){0,2} (?:in|at|inside|trying|tried|rattling|rattled|checking|testing) (?:my|our|the) (?:garden|"
     r"back garden|yard|shed|stairwell|hallway|landing|door handle|door|front door|back door|windows?|gate)|"
     r"(?:trying to|tried to) (?:break|get|climb|force) (?:in|into) (?:my|our) (?:house|home|flat|window|"
     r"door|room|bedroom)"),
    ("threat_to_life", ("immediate_danger",),
     rf"{INTENT} (?:come and )?(?:kill|jump|beat|batter|hurt|rape|murder|beat up|smash|attack|rob|mug|grab|"
     rf"kidnap|shoot) {_KIN}|{INTENT} (?:do|come and do) {_KIN} in(?= |$)|{INTENT} (?:come back and )?finish "
     r"(?:me|us|him|her)(?: off)?(?= |$)|(?:i am|you are|your|he is|she is|we are) dead (?:when|if|after|"
     r"once|next time) (?:they|he|she|we|i|you) (?:see|catch|find|get)"),
    ("scared_for_life", ("immediate_danger",), r"(?:scared|afraid|frightened|terrified|fear) for my life"),
    ("help_scared", ("immediate_danger",),
     r"help(?: me)?(?: please)? i am (?:so |really |very )?(?:scared|terrified|frightened|in danger)"),
    ("plea", ("immediate_danger",),
     r"^(?:please |someone |somebody )?(?:help|help me|help us|sos|save me)(?: please| someone| now| asap| "
     r"quick| me)*$"),
    ("help_now", ("immediate_danger",),
     r"(?:please|someone|somebody) help(?: me| us)?(?: please)? (?:there is|there are|he is|she is|they are|"
     r"someone|somebody) (?:a |some )?(?:man|men|guy|guys|someone|somebody|people|gang|boys|lads|outside|in|"
     r"at|following|after|trying|banging|coming)"),
    ("scared_threat_now", ("immediate_danger",),
     r"(?:i am|am|we are) (?:so |really |very |literally )?(?:scared|terrified|frightened|afraid)(?: "
     rf"\w+){{0,2}} {_THREATENER}(?: \w+){{0,3}} (?:outside|following|banging|watching|after (?:me|us)|"
     r"coming for|looking for|waiting for|trying to get|at the door|at my door|at our door|in my house|in "
     r"our house|in the house|will not go|will not leave|going to (?:hurt|kill|jump|stab|hit|get|beat))"),
    ("hunted", ("immediate_danger",),
     r"(?:gang|gangs|they|olders|men|people|he|she|someone|somebody)(?: \w+){0,2} (?:after|coming for|"
     rf"looking for|hunting) {_KIN}|(?:hiding|hide|hid) from (?:my \w+|him|her|them|the (?:olders|gang))"),
    ("masked", ("immediate_danger",),
     r"(?:balaclavas?|masks|masked|ski masks?)(?: \w+){0,6} (?:outside|looking for|after|at (?:my|our)|on "
     r"(?:my|our)|banging|waiting)"),
    ("know_where_i_live", ("immediate_danger",),
     r"(?:opps|they|gang|gangs|olders|them|the \w+) (?:\w+ )?(?:know|knows|found out|find out|found|got) "
     r"(?:where i (?:live|stay|sleep|go to school)|my address)"),
    ("gang_hunting", ("exploitation", "immediate_danger"),
     r"(?:gang|gangs|olders|elders|opps)(?: \w+){0,2} (?:after|coming for|looking for|hunting) (?:me|us)"),
    ("fire", ("immediate_danger",),
     r"(?:set|sets|setting|put|putting) fire to (?:my|our|the) (?:house|flat|door|front door|car|home|"
     r"letterbox|building)|(?:house|flat|building|home) (?:is )?(?:on fire|burning)|(?:petrol|fire|firework|"
     r"fireworks|petrol bomb) (?:through|in) (?:our|my|the) (?:door|letterbox|window)"),
    ("attack_now", ("immediate_danger",),
     r"(?:getting|being|is being|are being) (?:beaten|beat|jumped|attacked|battered|stabbed|robbed|kicked|"
     r"dragged|hurt|hit|bottled|stamped on|shanked|merked|rushed|mugged|kidnapped|taken)(?: up)?(?: "
     r"\w+){0,4} (?:right now|now|as we speak|outside)"),
    ("medical", ("immediate_danger",),
     r"not breathing|not moving|unconscious|unresponsive|not responding|will not wake up|not waking(?: up)?|"
     r"(?:she|he|they|my \w+) (?:is |are )?(?:fitting|convulsing|having a seizure)|can not breathe|not "
     r"waking(?: up)?|not waking(?: up)?|can not wake (?:him|her|them|my \w+) up|turning blue|blood "
     r"everywhere|bleeding (?:loads|a lot|badly|everywhere|out|heavily|so much|lots)|losing (?:a lot of "
     r")?blood|having a (?:fit|seizure)|(?:collapsed|passed out) (?:after|from) (?:taking|drinking|smoking|"
     r"something|a pill|pills|vodka|alcohol)"),
    ("lured", ("immediate_danger",),
     r"(?:asking|asked|asks|tells|told|telling|trying to get|tried to get|getting) (?:me|us|kids|children|"
     r"girls|boys|my \w+) to (?:come|go|get in) with (?:him|them|her)|(?:car|van|man|guy|someone)(?: "
     r"\w+){0,3} (?:keeps|kept|is|has been) (?:driving|circling|going|walking) (?:past|round|around|by) "
     r"(?:me|us|my house|our house|slowly)"),
    ("just_attacked", ("immediate_danger",),
     r"(?:i|we|my \w+) (?:just )?(?:got|been|was|were) (?:jumped|mugged|robbed|attacked|beaten up|battered)"
     r"(?: \w+){0,6} (?:still|now|outside|around|following|waiting|coming back)|(?:i|we|my \w+) just got "
     r"(?:jumped|mugged|attacked|beaten up|battered)"),
    ("help_first", ("immediate_danger",),
     r"^help(?: me| us)?(?: please)? (?:there is|there are|he is|she is|they are|someone|somebody) (?:a |"
     r"some )?(?:man|men|guy|guys|someone|somebody|people|gang|boys|lads|outside|in|at|following|after|"
     r"trying|banging|coming)"),
    ("happening_now", ("immediate_danger",),
     r"(?:is|are|am|being) (?:being )?(?:beaten up|beaten|broken into|attacked|robbed|stabbed|mugged|jumped|"
     r"battered|kidnapped|dragged)(?= (?:right now|now|downstairs|upstairs|outside|next door|as we speak|"
     r"in)|$)|(?:trying|tried|try) to (?:fight|jump|rob|grab|mug|stab|attack|beat up|get into|break into) "
     r"(?:me|us|my|our|him|her)|coming to (?:get|find|jump|hurt|kill) (?:me|us|my \w+)|went off with "
     r"(?:some|older|a|these|two|three|random) (?:men|man|guys|lads|strangers|guy)"),
    ("hurting_now", ("immediate_danger",),
     r"(?:someone|somebody|he|she|they|a man|men|my \w+) (?:is|are) (?:hurting|hitting|beating|attacking|"
     r"stabbing|strangling|choking|kicking|punching) (?:me|us|my \w+|her|him)|(?:drunk|passed out|"
     r"unconscious)(?: \w+){0,6} (?:guy|man|men|lads|boys|he)(?: \w+){0,3} (?:with her|taking her|took "
     r"her|on top)|just (?:robbed|mugged|jumped|attacked|stabbed|beat up|battered) (?:me|us|my \w+)|"
     rf"(?:flashed|flashing|showed|pulled) (?:a |his |out a )?{WEAPON}(?: \w+){{0,3}} (?:and|then) (?:told|"
     r"asked|made|said|robbed|took)|(?:fight|fighting|brawl|stabbing|shooting|it) (?:is )?(?:happening|"
     r"going on|kicking off) (?:right )?now|death threats|(?:getting|been getting|receiving|sending me|sent "
     r"me) threats|(?:burn|torch|petrol bomb|shoot up|smash up) (?:my|our) (?:house|flat|home|door|car)"),
    ("taken_by_force", ("immediate_danger",),
     r"(?:drag|dragging|dragged|pull|pulling|pulled|push|pushing|pushed|force|forcing|forced|bundle|bundled|"
     r"grab|grabbed|grabbing) (?:me|my \w+|her|him|us|someone|a (?:girl|boy|kid))(?: \w+)? (?:into|in) (?:a|"
     r"the|their|his|an) (?:car|van|alley|alleyway|house|flat|bushes|woods|building|room)|(?:kidnapped|"
     r"abducted) (?:me|my \w+|him|her|us|them)|(?:been|got|was|were|being|is|are) (?:kidnapped|abducted)|"
     r"(?:keeps|kept|is|was|started) grabbing (?:me|us|my)"),
    ("spiked", ("immediate_danger",),
     r"spiked (?:my|her|his|our|their|me|us|him)|(?:been|got|get|getting|was|were|am|is|think i|i think i) "
     r"spiked"),
)
