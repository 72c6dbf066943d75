"""Patterns for self-harm and suicide: intent, method, plans, goodbyes, and wishing not to be alive.

Negation does not clear these: "I'm not going to hurt myself, I just think about it" is still a message
a youth worker wants to read first.
"""

from __future__ import annotations

from survey.safeguarding.lexicon.words import INTENT

_GONE = (r"(?:died|was dead|were dead|was gone|were gone|was not here|was not around|was not alive|were not "
         r"here|did not exist|disappeared|killed myself|ended it|was to die|went away forever)")

SELF_HARM = (
    ("harm_myself", ("self_harm",),
     r"(?:kill|hang|hurt|cut|harm|burn|starv|stab|shoot|drown|poison|unaliv|end|hit|punch|scratch|strangl|"
     r"chok|suffocat)(?:s|es|e|ed|ing)? (?:myself|my self)|to (?:off|top) myself"),
    ("harm_themselves", ("self_harm",),
     r"(?:kill|hang|unaliv|drown|poison|overdos)(?:s|es|e|ed|ing)? (?:herself|himself|themselves|themself)|"
     r"(?:keeps|keep|been|started|going to|wants to|want to|trying to|tried to|threatening to|said she "
     r"would|said he would|will) (?:\w+ )?(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|"
     r"starv\w*)(?:s|ing)? (?:herself|himself|themselves|themself)"),
    ("kms_kys", ("self_harm",), r"kms|kys"),
    ("suicide_word", ("self_harm",), r"suicidal|suicide|sewerslide|sewer slide|suicid"),
    ("self_harm_word", ("self_harm",), r"self ?harm\w*|self ?injur\w*"),
    ("sh_in_context", ("self_harm",),
     r"(?:i|been|started|start|relapsed|relapse|relapsing|do|doing|did|into|stop|stopped|quit|clean from|"
     r"urges? to|want to|on) sh(?= |$)|sh (?:again|scars|scar|urges|urge|relapse|wounds|cuts|marks)"),
    ("unalive", ("self_harm",), r"unaliv\w*"),
    ("wish_dead", ("self_harm",),
     r"(?:want|wants|wanted|wanting|wish|wishing|ready|deserve) (?:to )?(?:i )?(?:was |were |could |would "
     r")?(?:just )?(?:die|dead|be dead|not be alive|not exist|disappear|never wake up|sleep forever|stop "
     r"existing|stop living|be gone)|(?:told|telling|tells|tell|said) me to (?:go |just )?die|wish (?:i was|"
     r"i were|i had) never (?:been )?born|should never have been born|(?:tired|sick) of (?:living|being "
     r"alive|life|existing)"),
    ("not_want_to_live", ("self_harm",),
     r"(?:do not|never|no longer|not) (?:want|wanted) (?:to )?(?:be alive|live|exist|wake up|carry on|go on)|"
     r"(?:do not|never|no longer|not) (?:want|wanted) (?:to )?(?:be here|be around)(?: \w+){0,2} "
     r"(?:anymore|any more|no more|on this earth|in this world)|(?:hope|wish) i (?:do not|never) wake up|"
     r"(?:sleep|go to sleep) and (?:not|never) wake up"),
    ("no_point_living", ("self_harm",),
     r"(?:no|any) (?:point|reason|purpose) (?:in |of )?(?:living|life|being alive|to live|going on|carrying "
     r"on|existing|being here|me being here|staying alive)|(?:what is|whats) the point (?:in |of "
     r")?(?:staying alive|being alive|living|life|going on|carrying on|existing|me being here)|(?:do not|"
     r"can not|never) see (?:a |any )?(?:future|way out)(?= for me| for myself| anymore| any more|$)|no "
     r"future for me|see (?:the |any )?point(?: in \w+)? (?:anymore|any more|$)|(?:done|finished) with "
     r"(?:this |my )?(?:life|living|being alive|it all)"),
    ("better_off_without_me", ("self_harm",),
     r"better off (?:dead|without me|if i was dead|if i were dead|gone)|better without me"),
    ("if_i_was_gone", ("self_harm",),
     rf"(?:better|happier|easier|notice|care|miss me|matter|nobody would|no one would)(?: \w+){{0,4}} if i "
     rf"(?:just )?{_GONE}"),
    ("end_it", ("self_harm",),
     rf"(?:end|ending|ended|take|taking|took) (?:it all|my life|my own life|myself)|(?:{INTENT}|about|of|"
     r"thinking) (?:just )?(?:end|ending) it(?= (?:all|now|tonight|today|soon|right now|lol|tbh|fr|already)|"
     r"$)|ending it (?:all|on \w+|tonight|today|tomorrow|soon|this week|this weekend|after|before)"),
    ("something_stupid", ("self_harm",),
     r"(?:going to|want to|might|about to|will|scared i will) do something (?:stupid|dumb|bad|drastic)"),
    ("overdose", ("self_harm",),
     r"overdose|overdosed|overdosing|od on|(?:going to|take|took) an? od|to od(?= |$)|(?:tried|try|trying|"
     r"attempted|attempt) to (?:kill myself|end it|hang myself|end my life)|(?:tried|attempted) suicide"),
    ("took_pills", ("self_harm",),
     r"(?:took|take|taking|swallowed|swallow|downed)(?: \w+){0,2} (?:loads|lots|a lot|all|a handful|"
     r"handful|a bunch|too many|every|whole|packet|box|(?:like |about |over )?(?:[5-9]|[1-9][0-9]+))(?: "
     r"\w+){0,2} (?:pills|tablets|paracetamol|painkillers|meds|antidepressants|medication|medicine|"
     r"sleeping pills|insulin)|(?:saved|saving|stockpiling|hoarding|collecting) (?:up )?(?:\w+ )?(?:pills|"
     r"tablets|paracetamol|meds)|(?:pills|tablets|meds|paracetamol) saved up"),
    ("how_many_pills", ("self_harm",),
     r"how (?:many|much) (?:pills|tablets|paracetamol|painkillers|sleeping pills|meds|ibuprofen)"
     r"(?: \w+){0,3} (?:take|kill|die|dead|overdose|od|fatal|lethal|until|til|before)"),
    ("how_to_die", ("self_harm",),
     r"(?:painless|easiest|quickest|best|quietest) way to (?:die|go|end it|kill myself|do it|end my life)|"
     r"how (?:to|do i|do you|can i|would i) (?:die|kill myself|end my life|end it|hang myself)(?! in (?:"
     r"minecraft|roblox|fortnite|the game|a game))"),
    ("jump_from_height", ("self_harm",),
     r"(?:jump|jumping|throw myself|step) (?:off|from) (?:a |the |my |our )?(?:bridge|roof|building|cliff|"
     r"balcony|block|tower|window|car park|multi storey|multistorey|flyover|top floor)|(?:jump|jumping|throw "
     r"myself|step|walk) in front of (?:a |the )?(?:train|bus|car|lorry)"),
    ("cant_go_on", ("self_harm",),
     r"can not (?:go on|cope|carry on|take it|take this|do this|handle this|handle it|live like this)"
     r"(?:(?: \w+){0,2} (?:anymore|any more|no more|any longer)|$)"),
    ("want_it_to_stop", ("self_harm",),
     r"(?:want|wish|need) (?:it|it all|all of it|everything|the pain|this pain|my life|life) (?:just )?to "
     r"(?:stop|end|be over)"),
    ("cut_again", ("self_harm",),
     r"(?:want to|urge to|urges to|going to|need to|started|start|been|keep|kept|relapsed and) (?:cut|"
     r"cutting)(?: again| myself|$)|(?:cut|cutting|slit|slitting) my wrists|(?:cut|cutting|cuts) (?:again|"
     r"deeper)|(?:cut|cutting) my (?:arms|thighs|legs|stomach|hips)(?: \w+){0,2} (?:again|last night|"
     r"every|deeper)"),
    ("hurt_till_it_bleeds", ("self_harm",),
     r"(?:scratch|scratching|scratched|pick|picking|hit|hitting|punch|punching|bang|banging|bite|biting|"
     r"pinch|pinching)(?: \w+){0,3} (?:till|until) (?:they|it|i) (?:bleed|bleeds|bled|bruise|bruises)|"
     r"(?:scratching|scratch|scratched) my (?:arms|wrists|legs|skin|thighs)|(?:my|her|his|their|fresh|new|"
     r"deep) (?:cuts|scars|wounds)(?! (?:to|in|from|at|on the)(?= ))"),
    ("into_the_water", ("self_harm",),
     r"walk (?:into|in) (?:the )?(?:sea|river|canal|lake|ocean|reservoir)|(?:jump|jumping|walk|walking) "
     r"(?:into|in|off) (?:the )?(?:sea|river|canal|lake|reservoir|thames)(?= (?:tonight|forever|and not|and "
     r"never|to die|and end)|$)"),
    ("hate_being_alive", ("self_harm",),
     r"hate (?:being alive|existing|living)|how (?:much )?(?:longer|long) i can (?:keep going|go on|carry "
     r"on|cope|take (?:it|this)|do this|hold on|last)"),
    ("had_enough", ("self_harm",),
     r"(?:had enough|done|finished|sick|tired) (?:of|with) (?:life|living|everything|it all|this life)(?= |"
     r"$)|(?:i will|i am going to|will) be gone (?:by|before) (?:tomorrow|morning|the morning|monday|"
     r"tonight|the weekend)|(?:want|wanna|urge|urges|need|going) to cut(?= so bad| rn| right now| tonight| "
     r"again|$)|(?:razor|razors|razor blades|sharpener blades?|blades) (?:\w+ ){0,2}(?:hidden|hide|hid|"
     r"stashed|under my|in my (?:room|drawer|pencil case|bag))"),
    ("burn_myself", ("self_harm",),
     r"(?:burning|burn|burned|burnt|burns) (?:my|myself)(?: \w+){0,3} (?:lighter|lighters|cigarette|"
     r"cigarettes|cig|cigs|matches)"),
    ("goodbye", ("self_harm",),
     r"goodbye forever|(?:goodbye|suicide|final) (?:letters?|notes?|messages?|texts?|videos?) (?:to|for) "
     r"(?:my (?:mum|dad|family|parents|sister|brother|friends|mates)|everyone|all)|suicide note|(?:saying|"
     r"said|say) (?:goodbye|bye) (?:forever|to everyone)"),
    ("rope", ("self_harm",),
     r"noose|(?:bought|buy|got|have|tied|tie|tying|hung|hang|hanging) (?:a |the |some )?rope(?= (?:ready|"
     r"round|around|from|in my|to my|up|today|tonight)|$)|rope (?:round|around) my neck"),
    ("planning_it", ("self_harm",),
     r"(?:planning|planned|plan|plans|worked out|working out|figured out|thinking about|thought about|"
     r"researching|looked up|looking up|searching|googling|googled) (?:how|when|where|the best way|ways) "
     r"(?:to|i will|i am going to|i would|i could) (?:do it|die|end it|kill|go|end my life)(?= |$)"),
    ("not_here_long", ("self_harm",),
     r"(?:be|being) (?:here|around|alive) (?:much |for )?(?:longer|long)(?! (?:than|enough))|(?:will not|"
     r"not going to|not) be (?:here|around|alive) (?:tomorrow|next week|by (?:tomorrow|the morning)|after "
     r"tonight|for (?:much )?longer|anymore|any more)"),
    ("starving_on_purpose", ("self_harm",),
     r"(?:have not|has not|had not|not|did not) (?:eaten|ate|eat)(?: anything)? (?:in|for) (?:\w+ )?(?:days|"
     r"weeks|a week)(?: \w+){0,3} (?:on purpose|deliberately)|waste away|(?:stopped|stop|not) eating (?:on "
     r"purpose|to punish|because i deserve)"),
)
