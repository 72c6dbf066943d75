"""Patterns for sexual exploitation and grooming, online or not.

Requests for nude pictures and threats to share them (sextortion), an adult and a child's ages side by
side, gifts and lifts from older men, secrets, being made to do sexual things, and sexual assault.
"""

from __future__ import annotations

from survey.safeguarding.lexicon.words import OLDER, STRANGER

# Pictures that are sexual, or of the person; "pics of the holiday" are not.
_PICS = (r"(?:nudes|noods|nudez|nude \w+|a nude|naked \w+|sexy \w+|dirty \w+|spicy \w+|private \w+|(?:a "
         r")?(?:pics?|pictures?|photos?|videos?|vids?|selfies?) (?:of me )?(?:in my|with no|without (?:my "
         r")?) (?:bra|underwear|knickers|pants|bikini|towel|clothes|top)|(?:pics|pictures|photos|piccies|"
         r"videos|vids|snaps|selfies)(?! of (?!me|myself|my body|my self|my (?:chest|boobs|bum|privates|"
         r"legs|underwear))))")
_ADULT_AGE = r"(?:1[89]|[2-9][0-9])"
_CHILD_AGE = r"(?:[89]|1[0-5])"
_ADULT = (r"(?:a |an |this |some )?(?:1[89]|[2-9][0-9]) ?(?:year old|years old|yr old|yrs old|yo)|(?:he|he "
          r"is|boyfriend|girlfriend|guy|man|bloke|someone|somebody|this \w+|they are|partner|ex|she|she is)")
_GIFTS = (r"(?:money|cash|drugs|alcohol|vodka|drink|drinks|booze|weed|vapes?|lifts|rides|stuff|gifts|"
          r"presents|phones?|trainers|clothes|cigs|fags|free \w+|everything)")

SEXUAL = (
    ("sexual_assault", ("sexual_exploitation", "immediate_danger"),
     r"(?:raped|rape|sexually assaulted|molested) (?:me|my)|(?:was|been|got|being) (?:raped|molested|"
     r"sexually (?:assaulted|abused))|groped|grope\w* (?:me|us|her)|flashed (?:me|us|at)|exposed (?:himself|"
     r"herself)|rubbed (?:himself|his \w+|against me|on me)|touched (?:me|my) (?:up|inappropriately|"
     r"private\w*|bum|boobs|chest|down there)|(?:keeps|is|started|kept) touching (?:me|my)|touching (?:me|"
     r"my \w+) (?:right now|now)"),
    ("touched_me", ("sexual_exploitation",),
     r"(?:he|she|they|someone|somebody|a man|man|a teacher|teacher|coach|a boy|boy|older \w+|an adult|adult|"
     r"guy|stranger)(?: \w+){0,2} (?:touches|touched|touching|keeps touching|feels up|felt up) (?:me|my)|"
     rf"touched by (?:a|an|the|some|my|his|this|that|older) \w+|{STRANGER}(?: \w+){{0,3}} (?:sending|sends|"
     r"sent) me (?:\w+ ){0,2}(?:pics|pictures|photos|videos|vids|snaps) of himself"),
    ("groomed", ("sexual_exploitation",),
     r"(?:being|been|was|were|got|get|getting|think|thinks|is|am|are) (?:\w+ )?groomed|"
     r"groom(?:ed|ing) (?:me|him|her|my \w+|us)"),
    ("asked_for_pictures", ("sexual_exploitation",),
     rf"{STRANGER}(?: \w+){{0,10}} (?:wants|want|wanted|asking|asks|asked|keeps asking|begging|pressur\w*|"
     r"trying to get|tried to get|making|made|forcing|told) (?:me )?(?:for |to send |to get |to take "
     rf")?(?:\w+ )?{_PICS}|(?:wants|want|asked|asking|asks|keeps asking|making|made|make|told|telling|"
     rf"pressuring|pressured|forcing|forced|begging) me (?:to )?send (?:\w+ )?{_PICS}"),
    ("sextortion", ("sexual_exploitation",),
     r"(?:or|unless|threatening to|threatened to|threatens to|going to|will|would) (?:\w+ ){0,2}(?:share|"
     r"post|leak|send|show|expose|spread) (?:my|the|our) (?:nudes|noods|pics|pictures|photos|videos|vids)|"
     rf"(?:{_PICS}|sent|send|nude)(?: \w+){{0,10}} (?:or|unless|threaten\w*|going to|will|said) (?:\w+ "
     r"){0,2}(?:share|post|leak|send|show|expose|spread|put) (?:them|it|those|the ones|everything|what i "
     r"sent|my \w+|the \w+)|(?:only|unless|until|if) (?:\w+ ){0,2}i (?:send|sent|do not send) (?:him |"
     r"them |her )?(?:a |another |more |some )?(?:video|vid|pic|pics|nudes|photo|photos|picture|pictures|"
     r"more)|(?:blackmail\w*|sextort\w*) (?:me|us|her|him|my \w+)"),
    ("paid_for_pictures", ("sexual_exploitation",),
     r"(?:money|cash|paid|pay|pays|gift cards?|robux|vbucks|v bucks|vouchers) (?:me |us |her )?for (?:\w+ "
     r")?(?:pics|photos|pictures|nudes|videos|vids)|(?:pics|photos|nudes|videos) for (?:money|cash|robux|"
     r"vbucks|gift cards)|pay (?:me|her|us) (?:\w+ ){0,2}(?:if|for|to) (?:i )?(?:send|sent|do|did)(?: him|"
     r" them)? (?:\w+ )?(?:pics|photos|videos|vids|nudes|stuff|things)"),
    ("shares_her_pictures", ("sexual_exploitation",),
     r"(?:shares?|shared|sharing|sends?|sent|sending|posts?|posted|posting|spreads?|spreading) (?:my|her|"
     r"his|their|our) (?:pics|pictures|photos|nudes|videos|vids)(?: \w+){0,2} (?:with|to|round|around) "
     r"(?:his|her|their|everyone|people|friends|mates|the whole)|(?:sharing|shared|shares|share|spreading|"
     r"spread|posting|posted|leaked|leaking|sending round|sent round) (?:my|her|his|their) (?:nudes|noods|"
     r"naked \w+|nude \w+)"),
    ("on_camera", ("sexual_exploitation",),
     r"(?:do|doing|did) (?:things|stuff|sexual \w+|bits)(?: \w+){0,2} on (?:cam|camera|webcam|video|video "
     r"call|facetime|live)|(?:go|going|get|come) on (?:cam|camera|webcam) (?:and|to) (?:do|show|take)|video "
     r"(?:call|chat)(?: \w+){0,2} (?:alone|in my room|in (?:the )?bath|in bed|at night|without|naked|in "
     r"my underwear)"),
    ("sexual_contact", ("sexual_exploitation",),
     r"(?:sending|sends|sent|send|showing|shows|showed|show) (?:me|us|her) (?:\w+ ){0,3}(?:his|her|their) "
     r"(?:private parts|privates|willy|dick|penis|bits|junk|naked body|thing|things)|(?:touches|touched|"
     r"keeps touching|touching|feels|felt) me(?= up| and| when| at| in| there| down there|$)|(?:dick|nude|"
     r"naked) (?:pics|pictures|photos)|(?:asking|asks|asked|keeps asking)(?: me)? (?:about|what) (?:colour |"
     r"color )?(?:my )?(?:underwear|bra|knickers|body)|(?:asks|asking|asked) (?:me )?(?:if i am|am i) (?:a "
     r")?virgin|talks? (?:to me )?about sex|woke up (?:with )?(?:no clothes|naked|without (?:my )?clothes|"
     r"undressed)|(?:got|made) me drunk and (?:then )?(?:\w+ ){0,3}(?:touched|did|made|took|had sex|"
     r"stuff)"),
    ("sexually_exploited", ("sexual_exploitation",),
     r"(?:i|i am|me|my \w+|he|she|they|we)(?: \w+){0,3} (?:being|been|was|is|getting|get|got) sexually "
     r"exploited|(?:sending|sends|sent|send|showing|shows|showed|show|made me watch|makes me watch) (?:me|"
     r"us|her|my \w+) (?:porn|sexual \w+|dirty \w+)|(?:man|guy|someone|stranger|he|they|older \w+|"
     r"person)(?: \w+){0,6} (?:wants|asking for|asked for|keeps asking for|asked|asks) (?:me )?(?:for "
     r")?(?:my|me) (?:address|postcode|location|home address)|(?:grown man|older man|old man|an adult|older "
     r"guy|older lads|a man|men)(?: \w+){0,3} (?:keeps|keep|is|has been|started)? ?(?:messaging|texting|"
     r"snapping|dming|adding) (?:me|my (?:little |younger )?\w+|her|him)"),
    ("passed_round", ("sexual_exploitation",),
     r"pass(?:es|ed|ing)? (?:girls|her|me|us|them|boys) (?:a)?round|(?:teacher|coach|tutor|youth worker|"
     r"leader|instructor|older \w+|man|adult)(?: \w+){0,3} (?:keeps |keep |is |has been )?(?:messaging|"
     r"texting|snapping|dming|calling|adding) me(?: \w+){0,4} (?:at night|late at night|late|on snap|on "
     r"snapchat|on insta|privately|secretly|every night)|(?:sent|sends|sending|send) (?:me|us|her) (?:a |"
     r"some )?(?:nude|nudes|dick pic|naked \w+)"),
    ("men_in_their_30s", ("sexual_exploitation",),
     r"(?:part(?:y|ies)|hangs? out|hanging out|goes out|meets|meeting|staying|stays|sleeping|flat|house|"
     r"dating|going out)(?: \w+){0,4} (?:men|guys|blokes|a man|lads) (?:in their|aged|who are|that are) "
     r"(?:[2-9]0s|[2-9][0-9]|twenties|thirties|forties|fifties)"),
    ("flattered_by_a_man", ("sexual_exploitation",),
     rf"(?:{OLDER}|a man|this man|grown man|adult|stranger|some man)(?: \w+){{0,8}} (?:says|saying|said|"
     r"calls|calling|called|tells|telling|told|sends|sending) (?:me )?(?:that )?(?:i am |i look )?(?:sexy|"
     r"hot|fit|so fit|pretty|beautiful|gorgeous|mature|cute|his girlfriend|kisses)"),
    ("ages", ("sexual_exploitation",),
     rf"{_ADULT}(?: is| are)? (?:like |about |nearly |over |literally )?{_ADULT_AGE}(?: \w+){{0,16}} (?:i am|"
     rf"am) {_CHILD_AGE}(?= |$)|i am {_CHILD_AGE}(?: \w+){{0,16}} {_ADULT}(?: is| are)? (?:like |about |"
     rf"nearly |over |literally )?{_ADULT_AGE}(?= |$)"),
    ("adult_wants_to_meet", ("sexual_exploitation",),
     rf"{STRANGER}(?: \w+){{0,5}} (?:wants|want|asked|asking|keeps asking|begging|told) (?:me )?to (?:meet|"
     r"meet up|come (?:to|round|over)|get the train|get a train|get the bus|travel|visit|stay)(?= (?:me|up|"
     rf"him|them|with|alone|irl|in person|somewhere|at|tonight|his|their)|$)|{STRANGER}(?: \w+){{0,5}} "
     r"(?:trying to get|tried to get|wants|wanted|asking|asked|keeps asking|told|invited|inviting|keeps "
     r"inviting) me (?:to )?(?:go |come )?(?:back )?(?:to|round|over to|into) (?:his|their) (?:flat|house|"
     r"place|car|van|room|hotel)"),
    ("met_online", ("sexual_exploitation",),
     r"(?:met|know|talking to|chatting to|speaking to) (?:him |her |them |someone |a \w+ |this \w+ "
     r")?(?:online|on (?:insta|instagram|snap|snapchat|roblox|discord|fortnite|tiktok|xbox|an app|a game|"
     r"the game|omegle|telegram|whatsapp))(?: \w+){0,8} (?:meet|meeting|come to|stay with|staying with|"
     r"run away|running away|see (?:him|her|them)|go to (?:his|her|their)|secret|do not tell|older|pics|"
     r"nudes)|(?:run away|running away|meet|meeting|go to|stay with|staying with|going to see|visit) (?:\w+ "
     r"){0,6}i (?:met|know|talk to|speak to) (?:online|on \w+)"),
    ("secret_keeping", ("sexual_exploitation", "exploitation"),
     r"(?:said|told|tells|says|saying|telling|asked|makes|made) (?:me |us )?(?:not to|to not|never to|do not|"
     r"never) tell (?:anyone|anybody|no one|noone|nobody|my (?:mum|dad|parents|family|teachers?|friends|"
     r"carers?|social worker))"),
    ("secret_chats", ("sexual_exploitation",),
     r"(?:keep|kept|keeping) (?:our|the|these|his|my) (?:chats?|messages|convos?|conversations?|pics|photos|"
     r"relationship|texts) (?:a )?secret|(?:messag\w*|texting|snapping|calls?|calling|facetim\w*)(?: "
     r"\w+){0,6} (?:keep it between us|our (?:little )?secret)|(?:keep it between us|our (?:little "
     r")?secret)(?: \w+){0,6} (?:messag\w*|texting|snapping|at night|pics|meet|older)|(?:makes|made|tells|"
     r"told|wants) me (?:to )?keep (?:secrets|a secret|it a secret)"),
    ("older_men", ("sexual_exploitation", "exploitation"),
     rf"{OLDER}(?: \w+){{0,6}} (?:(?:gives|give|gave|giving|buys|buy|bought|buying|offer\w*) (?:me|us|her|"
     rf"them|my \w+)(?: \w+){{0,2}} {_GIFTS}|money|drugs|alcohol|vapes|parties|party|meet up|meet them|meet "
     r"him|(?:pick|picks|picked|picking) (?:me|us|her|my \w+) up|collect\w* (?:me|us|her|my \w+))|(?:hangs "
     r"out with|hanging out with|goes off with|went off with|collected by|picked up by|parties with|"
     rf"partying with)(?: \w+){{0,3}} {OLDER}"),
    ("stranger_gifts", ("sexual_exploitation", "exploitation"),
     r"(?:a man|man|men|guy|guys|bloke|stranger|older \w+|someone|somebody|he|this \w+|some \w+)(?: "
     r"\w+){0,6} (?:offering|offers|offered|offer|giving|gives|gave|give|buying|buys|bought|buy|keeps "
     r"giving|keeps buying) (?:me|us|my \w+|her)(?: \w+){0,3} (?:lifts|rides|alcohol|vodka|drink|drinks|"
     r"booze|vapes?|weed|drugs|cigs|fags|free \w+(?! (?:at|on|for) (?:halloween|christmas|easter|eid|"
     r"diwali)(?= |$))|money|cash|everything|gifts|presents)|offer\w* (?:me|us|her) a lift"),
    ("made_to_do_sexual", ("sexual_exploitation",),
     r"(?:have|has|had|make|makes|made|making|force\w*|want\w*|asks?|asked|asking|expect\w*|pressur\w*|"
     r"told) (?:me |her |him |us |my \w+ |girls |kids |boys |children |people )?(?:to )?(?:do|doing) "
     r"(?:stuff|things|sexual \w+|sex stuff|bits|favours|favors)(?: \w+){0,2} (?:with|to|on|for) (?:them|"
     r"him|his \w+|their \w+|other|older|men|guys|some|strangers|people|camera|cam|webcam|video|facetime)|"
     r"(?:do|doing|did) (?:sexual|sex) (?:stuff|things|acts|bits)|(?:made|makes|make|making|forced|forces) "
     r"(?:me|her|him|us) (?:to )?do (?:stuff|things) in (?:the )?(?:toilets?|bathroom|changing rooms|his "
     r"room|his car|the car|the park|the woods|the bushes)|(?:asked|asking|asks|wants|wanted|told|made|"
     r"makes|pulled) me (?:to )?(?:sit|sat) on (?:his|their) (?:lap|knee)|if (?:i|you) (?:loved|love|really "
     r"loved|cared about) (?:him|me|them)(?: \w+){0,4} (?:send|do|would|prove)"),
    ("sleep_with", ("sexual_exploitation",),
     r"(?:have|has|had|make|makes|made|making|force\w*|want\w*|pressur\w*|told|asks?|asked|expect\w*) (?:me "
     r"|her |him |us |my \w+ )?(?:to )?(?:sleep|have sex|hook up|get with|link|do it) with (?:him|them|his|"
     r"their|older|some|other|men|guys|people|strangers|her|a (?:guy|man|boy|stranger|older \w+)|someone|"
     r"somebody)"),
    ("filmed", ("sexual_exploitation",),
     r"(?:film|films|filmed|filming|record|records|recorded|recording) (?:me|us|her|them|girls|my \w+)(?: "
     r"\w+){0,3} (?:at (?:the|their|his|these|those) part(?:y|ies)|naked|undressed|in the shower|changing|"
     r"in bed|doing (?:stuff|things|it))"),
    ("taken_into_a_room", ("sexual_exploitation", "immediate_danger"),
     r"(?:took|take|takes|taking|dragged|drags|pulled|led) (?:me|her|us|my \w+) (?:in|into|upstairs to) (?:a|"
     r"the|his|their|an empty|a back|the back|a spare) (?:room|bedroom|toilet|toilets|bathroom)"),
    ("mature_for_my_age", ("sexual_exploitation",),
     r"(?:mature|grown up|old) for (?:my|your|her|his) age(?: \w+){0,8} (?:buys|bought|gives|gifts|secret|"
     r"older|meet|messag\w*|pics|girlfriend|boyfriend|loves?|online|snap)|(?:buys|bought|gives|gifts|secret|"
     r"older|meet|messag\w*|pics|girlfriend|boyfriend|loves?|online|snap)(?: \w+){0,8} (?:mature|grown up|"
     r"old) for (?:my|your|her|his) age|(?:he|she|they) (?:says|said|say) (?:he|she|they) (?:loves?|love) "
     r"me(?: \w+){0,6} (?:older|secret|do stuff|do things|makes me|pics|nudes|do not tell)"),
    ("get_in_car", ("sexual_exploitation", "immediate_danger"),
     rf"{STRANGER}(?: \w+){{0,6}} (?:asking|asked|ask|told|telling|trying to get|tried to get|wants|wanted) "
     r"me (?:to )?(?:get )?(?:in|into) (?:the|a|their|his|her) (?:car|van)|(?:car|van)(?: \w+){0,6} "
     r"(?:asking|asked|ask|told|telling|trying to get|tried to get|wants|wanted) me to get in|(?:wants|"
     r"wanted|asked|asking) me to come (?:to|in) (?:his|their) (?:car|van)"),
    ("picks_up_girls", ("sexual_exploitation",),
     rf"{OLDER}(?: \w+){{0,3}} (?:pick|picks|picked|picking) (?:up )?(?:girls|boys|kids|children|young "
     r"\w+|year \w+|\w+ from (?:our|my|the) (?:year|school|class|estate|care home|home))"),
    ("delete_our_chats", ("sexual_exploitation",),
     r"(?:told|tells|makes|made|asks|asked|wants|wanted|says|said) (?:me )?to (?:delete|clear|wipe|hide) "
     r"(?:our|the|his|her|all (?:the|our)|my) (?:chats?|messages|texts|convos?|conversations?|snaps|"
     r"dms|pics|photos)|(?:delete|deleting|deleted|clear|wipe) (?:our|his|all our) (?:chats?|messages|"
     r"texts|convos?|snaps)(?: \w+){0,6} (?:secret|not tell|never tell|no one knows|nobody knows|so my)"),
    ("on_video_at_night", ("sexual_exploitation",),
     r"(?:wants|want|wanted|asks|asked|asking|keeps asking|told|tells|makes|made) me (?:to )?(?:go |get |"
     r"come |be )?on (?:video|cam|camera|facetime|webcam|video call|call)(?: \w+){0,6} (?:at night|late|"
     r"alone|on my own|when no one|with no one|no one else|in my room|in bed|naked|without|in the bath|"
     r"in my bedroom)"),
    ("paid_to_go_to_a_flat", ("sexual_exploitation",),
     r"(?:pay|pays|paid|paying|give|gives|gave|giving) (?:the |some )?(?:girls|boys|kids|children|me|us|"
     r"her|them|my \w+)(?: \w+){0,5} to (?:go|come|stay) (?:to|round|back to|over to|at) (?:their|his|a|"
     r"the) (?:flat|house|place|room|hotel|party|parties)"),
    ("game_money", ("sexual_exploitation",),
     r"(?:sends|sending|sent|keeps sending|gives|giving|gave|buys|bought|buying) (?:me|us|her) (?:\w+ "
     r")?(?:vbucks|v bucks|robux|gift cards?|skins|game credit|gems|coins)(?: \w+){0,6} (?:pics|photos|"
     r"picture|secret|meet|video|facetime|snap|do not tell|older|in return|asking|asks)"),
    ("what_are_you_wearing", ("sexual_exploitation",),
     r"(?:man|guy|someone|somebody|stranger|he|they|older \w+|account|person|adult)(?: \w+){0,8} (?:asked|"
     r"asks|asking|keeps asking) (?:me )?what (?:i am|i have got|i have) (?:wearing|got on|on)(?! (?:to|"
     r"for|tomorrow|tonight)(?= ))"),
    ("pays_for_my_ticket", ("sexual_exploitation",),
     r"(?:man|men|guy|bloke|stranger|older \w+|old \w+|adult|account|person|someone|somebody)(?: \w+){0,8} "
     r"(?:pay|pays|paid|paying|buy|buys|bought|book\w*|send|sent|order\w*) (?:me )?(?:for )?(?:my|a|the|"
     r"an) (?:train|bus|coach|taxi|uber|plane|flight)(?: ticket| tickets| fare)?(?: \w+){0,3} (?:to "
     r")?(?:come|go|visit|meet|see|stay)"),
    ("if_they_do_stuff", ("sexual_exploitation",),
     r"(?:free|cheap) (?:rides|lifts|taxis|food|vapes|drink|drinks|weed|stuff)(?: \w+){0,3} if (?:they|i|we|"
     r"she|you|girls) (?:do|did|send|sent|go|come|sleep|kiss|give)|if (?:i|she|they|we|you|girls) (?:do|"
     r"did) (?:stuff|things|favours|bits|sexual \w+) (?:for|with|to) (?:him|them|men|the men)"),
    ("take_my_top_off", ("sexual_exploitation",),
     r"(?:made|makes|make|making|told|tells|asked|asks|wants|wanted|pressured|pressures|begged) me (?:to )?"
     r"(?:take|took) (?:off )?my (?:top|clothes|shirt|bra|trousers|pants|knickers|underwear)"),
    ("cannot_remember", ("sexual_exploitation",),
     r"(?:older \w+|men|guys|a man|some man)(?: \w+){0,6} (?:do not|can not|could not|did not) remember "
     r"(?:what happened|anything|how i)"),
)
