"""The safeguarding lexicon: the named patterns :func:`survey.safeguarding.risk.assess` searches for,
the text-speak it understands, and the idioms it lets pass.

Sources are regex fragments over normalised text. Measured by ``tests/unit/safeguarding_corpus.yaml``:
add a phrase there before adding a pattern here.
"""

from __future__ import annotations

# --- the lexicon -----------------------------------------------------------------------------------
# Sources are regex fragments over normalised text (single spaces, no punctuation). Don't use \b or
# literal $ for "end of message" other than as a whole alternative: _compile adds the boundaries.

TEXT_SPEAK = {
    "u": "you", "ur": "your", "r": "are", "2": "to", "4": "for", "b": "be", "b4": "before", "m8": "mate",
    "h8": "hate", "gr8": "great", "2day": "today", "2nite": "tonight", "2moro": "tomorrow", "ppl": "people",
    "wanna": "want to", "wana": "want to", "gonna": "going to", "gna": "going to", "finna": "going to",
    "tryna": "trying to", "imma": "i am going to", "ima": "i am going to", "im": "i am", "ive": "i have",
    "hes": "he is", "shes": "she is", "theyre": "they are", "theyll": "they will", "youll": "you will",
    "dont": "do not", "dnt": "do not", "didnt": "did not", "doesnt": "does not", "isnt": "is not",
    "cant": "can not", "carnt": "can not", "cannot": "can not", "wont": "will not", "theres": "there is",
    "someones": "someone is", "pls": "please", "plz": "please", "rn": "right now", "cos": "because",
    "coz": "because", "cuz": "because", "bc": "because", "mom": "mum", "mam": "mum", "mummy": "mum",
    "mommy": "mum", "mother": "mum", "daddy": "dad", "father": "dad", "stepdad": "step dad",
    "stepmum": "step mum", "bf": "boyfriend", "gf": "girlfriend", "nife": "knife", "knif": "knife",
    "kife": "knife", "kinfe": "knife", "knive": "knife", "nives": "knives", "sucidal": "suicidal",
    "suicidle": "suicidal", "suisidal": "suicidal", "sucide": "suicide", "suiside": "suicide",
    "suicde": "suicide", "myslf": "myself", "myslef": "myself", "meself": "myself", "maself": "myself",
    "mself": "myself", "carrys": "carries", "selfharm": "self harm", "selfharming": "self harming",
    "cunch": "country", "any1": "anyone", "some1": "someone", "every1": "everyone", "no1": "no one",
}

_WEAPON = (r"(?:knife|knives|blade|blades|shank|shanks|machete|machetes|rambo|gun|guns|pistol|strap|straps|"
           r"skeng|burner|shotgun|firearm|weapon|weapons|nank|bora|crossbow)")
_WHO = (r"(?:i|he|she|they|we|you|someone|somebody|some one|everyone|him|man|mans|my \w+|his \w+|her \w+|"
        r"this \w+|that \w+|a (?:boy|girl|man|guy|lad|kid|gang|group|bloke)|(?:boy|girl|guy|lad|bloke|mate|"
        r"friend|brother|cousin|boyfriend|dad|uncle)s?|kid|the (?:boy|girl|man|guy|lad|kid|olders|gang)s?)")
_HOLD = (r"(?:has|had|have|got|gets|carry|carries|carrying|carried|bring|brings|brought|bringing|keep|keeps|"
         r"kept|pulled|pulls|showed|shows|showing|holding|holds|hold|hiding|hides|hid|with)")
_PERSON = (r"(?:me|us|you|him|her|them|someone|somebody|people|my (?:mum|dad|brother|sister|friend|mate|"
           r"family))")
_FAMILY = (r"(?:dad|mum|step dad|step mum|stepfather|step father|step mother|parents?|carers?|foster \w+|"
           r"uncle|"
           r"aunt|auntie|aunty|brother|sister|grandad|grandpa|nan|nana|gran|granny|grandma|cousin|(?:mums?|"
           r"dads?) (?:boyfriend|girlfriend|partner|new \w+)|boyfriend|girlfriend|partner|family)")
_HARM = (r"(?:hits|hit|hitting|beats|beat|beating|hurts|hurt|hurting|punches|punched|punching|kicks|kicked|"
         r"kicking|slaps|slapped|slapping|chokes|choked|choking|strangles|strangled|burns|burnt|burned|"
         r"touches|touched|touching|abuses|abused|abusing|attacks|attacked|batters|battered|smacks|smacked|"
         r"pushes|pushed|shoves|shoved|rapes|raped|whips|whipped|belts|belted|(?:throws|threw|throwing) "
         r"(?:\w+ )?at|(?:locks|locked|locking) (?:me|us) in)")
_INTENT = r"(?:going to|will|would|to|want to|wants to|about to|trying to|tried to|coming to)"
_JOB = (r"(?:sell|shot|shotting|deal|run lines|do drops|do deliveries|do jobs|plug|bag up|(?:carry|hold|hide|"
        r"stash|keep|move|deliver|drop) (?:\w+ )?(?:drugs|drug|weed|stuff|things|something|packages?|"
        r"parcels?|bags?|it|them|phones?|money|cash|food|gear|product|guns?|knives|for))")
_MADE = (r"(?:make|makes|made|making|force|forces|forced|forcing|pressure|pressured|pressuring|want|wants|"
         r"wanted|tell|tells|told|ask|asks|asked|asking|get|gets|got|threaten|threatens|threatened|pay|paid)")
_OLDER = r"(?:older|old) (?:men|man|guys|guy|boys|lads|lad)"
_SOCIAL = (r"(?:insta|instagram|ig|tiktok|tik tok|snap|snapchat|twitter|x|twitch|youtube|yt|spotify|strava|"
           r"threads|socials|social media)")

PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("weapon_possession", ("weapons",), rf"{_WHO}(?: \w+){{0,3}} {_HOLD}(?: \w+){{0,3}} {_WEAPON}"),
    ("weapon_with", ("weapons",), rf"(?:with|waving|wielding|brandishing) (?:\w+ )?(?:\w+ )?{_WEAPON}"),
    ("weapon_on_person", ("weapons",),
     r"(?:ting|tool|piece|strap|wap|skeng|burner|nank|bora|shank|blade|knife|gun) (?:on|in|under) "
     r"(?:him|her|them|me|his|their|my)"),
    ("carrying_bare", ("weapons",),
     rf"{_WHO}(?: \w+){{0,2}} (?:carrying|carries|carry)(?= (?:and|right now|now|tonight|again|innit|tho|"
     r"fr|bro|at|in|around|on the|every ?day|all the time|to school|for protection)|$)"),
    ("strapped", ("weapons",), rf"{_WHO}(?: \w+){{0,2}} strapped"),
    ("weapon_threat", ("weapons", "immediate_danger"),
     rf"(?:{_INTENT}|get|getting|got) (?:come and )?(?:stab|stabbed|shank|shanked|shoot|shot|knife|poke|wet|"
     rf"merk|bang|slash|chef|jook|juk)(?: {_PERSON}|$)|{_INTENT} (?:cut|slash) (?:me|us|you|him|her|them)"),
    ("weapon_pulled_on", ("weapons", "immediate_danger"),
     rf"(?:pulled|pull|pulls|pulling|drew) (?:out )?(?:\w+ )?(?:\w+ )?{_WEAPON} on (?:me|us|my|him|her)"),
    ("weapon_injury", ("weapons", "immediate_danger"),
     r"(?:i|we|me|my \w+|he|she|they|someone|somebody)(?: just| have| has| had)? (?:got|been|was|were|is|are)"
     r" (?:just )?(?:stabbed|shot|slashed|chinged|shanked)|(?:stabbed|slashed|shanked) (?:me|him|her|"
     r"my \w+)"),
    ("weapon_nearby_now", ("weapons", "immediate_danger"),
     rf"{_WEAPON}(?: \w+){{0,4}} (?:outside|right now|here now|at my door|coming)"),
    ("in_danger", ("immediate_danger",),
     r"(?:i am|i|we are|we|my \w+ is|someone is|he is|she is|they are|am) (?:in danger|not safe|unsafe)"),
    ("followed", ("immediate_danger",),
     r"(?:someone|somebody|some one|a (?:man|guy|woman|car|van|gang)|men|man|guy|people|they|he|she|this \w+)"
     r" (?:\w+ )?(?:\w+ )?(?:following|chasing|stalking|watching|waiting for|followed|chased|stalked) (?:me|"
     r"us)"
     r"|being (?:followed|stalked|chased|watched)"),
    ("intruder", ("immediate_danger",),
     r"(?:someone|somebody|a man|a guy|men|people|they|he|she|there is|there are)(?: \w+){0,2} (?:outside|at|"
     r"banging on|in|inside|broke into|breaking into|trying to get into|got into) (?:my|our) (?:house|home|"
     r"flat|door|window|room|bedroom)"),
    ("threat_to_life", ("immediate_danger",),
     rf"{_INTENT} (?:come and )?(?:kill|jump|beat|batter|hurt|rape|murder|beat up|smash) "
     r"(?:me|us|my (?:mum|dad|family|brother|sister|nan|friend|mate|little \w+))"),
    ("scared_for_life", ("immediate_danger",), r"(?:scared|afraid|frightened|terrified|fear) for my life"),
    ("help_scared", ("immediate_danger",),
     r"help(?: me)?(?: please)? i am (?:so |really |very )?(?:scared|terrified|frightened|in danger)"),
    ("hunted", ("immediate_danger",),
     r"(?:gang|gangs|they|olders|men|people|he|she|someone|somebody)(?: \w+){0,2} (?:after|coming for|"
     r"looking for|hunting) (?:me|us)|(?:hiding|hide|hid) from (?:my \w+|him|her|them|the (?:olders|gang))"),
    ("gang_hunting", ("exploitation", "immediate_danger"),
     r"(?:gang|gangs|olders|elders|opps)(?: \w+){0,2} (?:after|coming for|looking for|hunting) (?:me|us)"),
    ("get_in_car", ("exploitation", "immediate_danger"),
     r"me (?:to )?(?:get )?(?:in|into) (?:the|a|their|his|her) (?:car|van)|(?:car|"
     r"van)(?: \w+){0,6} (?:asking|"
     r"asked|ask|told|telling|trying to get|tried to get|wants|wanted) me to get in"),
    ("sexual_assault", ("exploitation", "immediate_danger"),
     r"(?:raped|rape|sexually assaulted|molested) (?:me|my)|(?:was|been|got|being) (?:raped|molested|"
     r"sexually (?:assaulted|abused))"),
    ("harm_myself", ("self_harm",),
     r"(?:kill|hang|hurt|cut|harm|burn|starv|stab|shoot|drown|poison|unaliv|end)(?:s|es|e|ed|ing)? "
     r"(?:myself|my self)|to (?:off|top) myself"),
    ("kms_kys", ("self_harm",), r"kms|kys"),
    ("suicide_word", ("self_harm",), r"suicidal|suicide|sewerslide|suicid"),
    ("self_harm_word", ("self_harm",), r"self ?harm\w*|self ?injur\w*"),
    ("sh_in_context", ("self_harm",),
     r"(?:i|been|started|start|relapsed|relapse|relapsing|do|doing|did|into|stop|stopped|quit|clean from|"
     r"urges? to|want to|on) sh(?= |$)|sh (?:again|scars|scar|urges|urge|relapse|wounds|cuts|marks)"),
    ("unalive", ("self_harm",), r"unaliv\w*"),
    ("wish_dead", ("self_harm",),
     r"(?:want|wanted|wanting|wish|wishing|ready|deserve) (?:to )?(?:i )?(?:was |were |could |"
     r"would )?(?:just )?"
     r"(?:die|dead|be dead|not be alive|not exist|disappear|never wake up|sleep forever|stop existing|"
     r"stop living|be gone)|(?:told|telling|tells|tell|said) me to (?:go |just )?die"),
    ("not_want_to_live", ("self_harm",),
     r"(?:do not|never|no longer|not) (?:want|wanted) (?:to )?(?:be alive|live|exist|wake up|carry on|go on)|"
     r"(?:do not|never|no longer|not) (?:want|wanted) (?:to )?(?:be here|be around)(?: \w+){0,2} "
     r"(?:anymore|any more|no more|on this earth|in this world)|(?:hope|wish) i (?:do not|never) wake up"),
    ("no_point_living", ("self_harm",),
     r"(?:no|any) (?:point|reason|purpose) (?:in |of )?(?:living|life|being alive|to live|going on|"
     r"carrying on|"
     r"existing|being here|me being here)|see (?:the |any )?point(?: in \w+)? (?:anymore|any more|$)|"
     r"(?:done|finished) with (?:this |my )?(?:life|living|being alive|it all)"),
    ("better_off_without_me", ("self_harm",),
     r"better off (?:dead|without me|if i was dead|if i were dead|gone)|better without me"),
    ("end_it", ("self_harm",),
     rf"end (?:it all|my life|my own life|myself)|(?:{_INTENT}|about|of|thinking) (?:just )?(?:end|ending) "
     r"it(?= (?:all|now|tonight|today|soon|right now|lol|tbh|fr|already)|$)"),
    ("something_stupid", ("self_harm",),
     r"(?:going to|want to|might|about to|will|scared i will) do something (?:stupid|dumb|bad|drastic)"),
    ("overdose", ("self_harm",), r"overdose|overdosed|overdosing|od on|(?:going to|take|took) an? od"),
    ("took_pills", ("self_harm",),
     r"(?:took|take|taking|swallowed|swallow|downed)(?: \w+){0,2} (?:loads|lots|a lot|all|a handful|handful|"
     r"a bunch|too many|every|whole|packet|box)(?: \w+){0,2} (?:pills|tablets|paracetamol|painkillers|meds)"),
    ("how_many_pills", ("self_harm",),
     r"how (?:many|much) (?:pills|tablets|paracetamol|painkillers|sleeping pills|meds|ibuprofen)"
     r"(?: \w+){0,3} (?:take|kill|die|dead|overdose|od|fatal|lethal|until|til|before)"),
    ("jump_from_height", ("self_harm",),
     r"(?:jump|jumping|throw myself|step) (?:off|from) (?:a |the |my |our )?(?:bridge|roof|building|cliff|"
     r"balcony|block|tower|window|car park)|(?:jump|jumping|throw myself|step|walk) in front of (?:a |the )?"
     r"(?:train|bus|car|lorry)"),
    ("cant_go_on", ("self_harm",),
     r"can not (?:go on|cope|carry on|take it|take this|do this|handle this|handle it|live like this)"
     r"(?:(?: \w+){0,2} (?:anymore|any more|no more|any longer)|$)"),
    ("want_it_to_stop", ("self_harm",),
     r"(?:want|wish|need) (?:it|it all|all of it|everything|the pain|this pain|my life|life) (?:just )?to "
     r"(?:stop|end|be over)"),
    ("cut_again", ("self_harm",),
     r"(?:want to|urge to|urges to|going to|need to|started|start|been|keep|kept|relapsed and) "
     r"(?:cut|cutting)(?: again| myself|$)"),
    ("family_harm", ("abuse_at_home",),
     rf"{_FAMILY}(?: \w+){{0,3}} {_HARM} (?:me|us|my (?:mum|dad|sister|brother|little \w+|baby \w+|"
     rf"siblings))"),
    ("he_hurts_me", ("abuse_at_home",),
     r"(?:he|she|they)(?: \w+){0,2} (?:hits|beats|hurts|punches|kicks|slaps|chokes|strangles|touches|touched|"
     r"abuses|batters|smacks|rapes|raped|molests|molested) (?:me|us)"),
    ("neglect", ("abuse_at_home",), r"(?:does not|do not|never|will not|wont) (?:feed|let me eat)"),
    ("touched_by_adult", ("exploitation",),
     r"(?:someone|somebody|a man|man|a teacher|teacher|coach|a boy|boy|older \w+|an adult|adult)"
     r"(?: \w+){0,2} (?:touches|touched|touching) me"),
    ("made_to_do_things", ("abuse_at_home", "exploitation"),
     r"(?:makes|made|making|forces|forced|forcing) me (?:to )?do (?:stuff|things|something|sexual \w+)"
     r"(?: \w+){0,2} (?:i do not|i did not|$)"),
    ("unsafe_at_home", ("abuse_at_home",),
     rf"(?:not|never) (?:feel |feeling |felt )?safe (?:at home|in my (?:house|home|own home)|with my "
     rf"{_FAMILY})|unsafe (?:at home|in my (?:house|home))"),
    ("scared_to_go_home", ("abuse_at_home",),
     r"(?:scared|afraid|frightened|terrified|worried) (?:to|of) (?:go |going |get |getting )?(?:back )?home|"
     r"(?:do not|never) want to go (?:back )?home(?: \w+){0,6} (?:hurt|hit|beat|kill|shout|scared|drunk|"
     r"angry|hurts|hits|beats)"),
    ("violence_at_home", ("abuse_at_home",),
     r"(?:hitting|violence|abuse|abused|abusive|beaten|beating|hurt|hit|battered) (?:me |us )?"
     r"(?:at home|in my house)"),
    ("going_country", ("exploitation",),
     r"(?:go|going|goin|went|gone|sent|send|sending|take|taking|took) (?:country|county|ot|out of town)"),
    ("county_lines_personal", ("exploitation",),
     r"(?:asked|ask|asking|made|make|makes|making|want|wants|wanted|told|forced|forcing|pressured|groomed|"
     r"recruited|recruiting|getting|got|get) (?:\w+ ){0,2}(?:to )?(?:do |doing |run |running |join |joining "
     r"|into |in |on |work |working )?county lines?|(?:i am|i|he is|she is|my \w+ is|they are)(?: \w+)? "
     r"(?:doing|in|on|running|involved in|part of) county lines?"),
    ("trap_house", ("exploitation",),
     r"(?:in|at|to|from|stay|staying|stayed|kept|keep|living|live|sleeping|sleep|work|working) "
     r"(?:a |the |their |his |this )?trap ?house|(?:i am|he is|she is|been|started) trapping"),
    ("made_to_do_jobs", ("exploitation",),
     rf"{_MADE} (?:me|us|my \w+|him|her)(?: to)? {_JOB}|(?:being|been|am|was|get|got|getting) (?:made|forced|"
     rf"pressured|told|asked|paid) to {_JOB}"),
    ("working_for_them", ("exploitation",),
     r"(?:sell|sells|selling|sold|shotting|dealing|dealt|running|deliver|delivering|do drops|doing drops) "
     r"(?:\w+ )?(?:for|4) (?:them|him|her|the olders|olders|the elders|a gang|the gang|these \w+|"
     r"some (?:older|"
     r"olders|guys|men|boys|lads))|(?:have|had|got) to (?:sell|shot|deal)(?: \w+){0,3} (?:for (?:them|him|"
     r"her|"
     r"the olders|my \w+|a gang|the gang)|or (?:they|he|she))"),
    ("running_lines", ("exploitation",),
     r"(?:have to|had to|made me|make me|makes me|making me|want me to|wants me to|asked me to|told me to|"
     r"forced me to|got me|i am|he is|she is|they|been|started) (?:\w+ ){0,2}(?:run|running|ran|do|doing) "
     r"(?:the |a |their |his |her )?(?:line|lines|drops|deliveries)"),
    ("debt", ("exploitation",),
     r"owe (?:them|him|her|the olders|the gang|these \w+|those \w+|a dealer|the dealer|"
     r"my dealer)(?! (?:an? )?"
     r"(?:apology|favour|favor|one|drink|pint|coffee|lunch|fiver|tenner))|debt bondage|work it off|"
     r"work off (?:the|my|a) debt|pay it (?:back|off) (?:by|or)"),
    ("groomed", ("exploitation",),
     r"(?:being|been|was|were|got|get|getting|think|thinks|is|am|are) (?:\w+ )?groomed|"
     r"groom(?:ed|ing) (?:me|him|her|my \w+|us)"),
    ("sextortion", ("exploitation",),
     r"(?:wants|want|asked|asking|asks|keeps asking|making|made|make|told|telling|pressuring|pressured|"
     r"forcing|"
     r"forced|begging) me (?:to )?send (?:\w+ )?(?:nudes|noods|nudez|nude \w+|pics|pictures|photos|videos|"
     r"vids)"
     r"|(?:or|unless|threatening to|threatened to|threatens to|going to|will) (?:\w+ ){0,2}(?:share|post|"
     r"leak|"
     r"send|show|expose|spread) (?:my|the|our) (?:nudes|noods|pics|pictures|photos|videos|vids)|"
     r"(?:guy|man|someone|somebody|stranger|boy|older \w+|he)(?: \w+){0,4} (?:wants|asking for|asked for|"
     r"asks for|keeps asking for|begging for) (?:\w+ )?(?:nudes|noods|pics|pictures|photos|videos) of me"),
    ("secret_keeping", ("exploitation",),
     r"(?:said|told|tells|says|saying|telling|asked|makes|made) (?:me |us )?(?:not to|to not|never to|do not|"
     r"never) tell (?:anyone|anybody|no one|noone|nobody|my (?:mum|dad|parents|family|teachers?|friends|"
     r"carers?"
     r"|social worker))"),
    ("threat_if_leave", ("exploitation",),
     r"(?:threaten\w*|hurt|kill|beat|jump|stab|stabbed|shanked|find|get|come for)(?: \w+){0,3} (?:if|unless|"
     r"when|because) i (?:stop|quit|leave|do not|say no|refuse|tell|talk|snitch|try to leave)"),
    ("older_men", ("exploitation",),
     rf"(?:missing|ran away|run away|runaway|staying with|stays with|sleeping at|sleeps at|went off with|"
     rf"hangs "
     rf"out with|hanging out with|gives me|gave me|buys me|bought me)(?: \w+){{0,6}} {_OLDER}|{_OLDER}"
     r"(?: \w+){0,6} (?:missing|gives me|give me|gave me|buys me|bought me|lifts|money|drugs|alcohol|vapes|"
     r"meet up|meet them|meet him)"),
    ("adult_wants_to_meet", ("exploitation",),
     r"(?:a man|man|guy|older \w+|stranger|someone i met online|he is [2-9][0-9])(?: \w+){0,5} (?:wants|want|"
     r"asked|asking|keeps asking) (?:me )?to meet|(?:he|she|they) (?:is|are) [2-9][0-9](?: \w+){0,3} "
     r"i am (?:[89]|1[0-5])"),
)

# Cheap exemptions for idioms and consultation phrases that would otherwise be flagged every day.
EXEMPTIONS = (
    r"(?:knife|gun|weapon|blade) (?:crimes?|arch\w*|amnesty|bins?|surrender|awareness|education|skins?)",
    r"(?:gun|knife|weapon)s? (?:in|on) (?:fortnite|cod|warzone|gta|roblox|minecraft|apex|valorant|pubg|"
    r"the game|my game|csgo)",
    r"in danger of (?:failing|fail|losing|lose|missing|miss|being late|getting (?:a )?detention|running out|"
    r"going extinct|flooding|closing)",
    r"die (?:my|your|his|her|their|the|it|our) hair",
    r"(?:die|dying|died) (?:of|from) (?:boredom|laughing|laughter|embarrassment|cringe|shame|hunger|heat)",
    r"kill (?:time|the lights|the vibe|the mood)",
    r"(?:suicide|suicidal|self ?harm|overdose) (?:prevention|awareness|rates?|statistics|stats|training|"
    r"services?|squad|bombers?|bombings?|helplines?|support|charit\w*|in schools|education|deaths|figures)",
    rf"following me (?:on|back on) {_SOCIAL}",
    r"strapped (?:for (?:cash|money|time)|in)",
    r"kill me if i (?:am |was |get |got |come |do not )?(?:home )?(?:late|fail|failed|forget|forgot|miss|"
    r"lose|lost|break|broke)",
    r"beat (?:me|us|him|her) (?:at|in) (?:fifa|fortnite|cod|chess|football|tennis|pool|cards|uno|monopoly|"
    r"mario kart|games?|a race|racing|running|maths)",
)
