"""Patterns for abuse at home: violence, threats to keep quiet, neglect, sexual abuse and forced marriage."""

from __future__ import annotations

from survey.safeguarding.lexicon.words import FAMILY

_HARM_VERB = (r"(?:whacks|whacked|whacking|hits|hit|hitting|beats|beat|beating|hurts|hurt|hurting|punches|"
              r"punched|punching|kicks|"
              r"kicked|kicking|slaps|slapped|slapping|chokes|choked|choking|strangles|strangled|burns|burnt|"
              r"burned|abuses|abused|abusing|attacks|attacked|batters|battered|smacks|smacked|pushes|pushed|"
              r"shoves|shoved|whips|whipped|belts|belted|starves|starved|starving|pinches|pinched|scratches|"
              r"scratched|bites)")
_HARM_ME = (rf"(?:(?:got|had|has|have|grabbed|grabs|held|holds|took) (?:me|us|my \w+) by (?:the|my|her|"
            r"his) (?:throat|neck|hair)|(?:lays|laid|lay|laying|kicks off|kicked off|kicking off) "
            r"(?:into|on) (?:me|us|my \w+)|"
            rf"{_HARM_VERB} (?:me|us|her(?! (?:lips|hands|own)(?= ))|my \w+|the kids|the children|all of "
            r"us|everyone)|(?:grabs|grabbed|grabbing|pulls|pulled|pulling|drags|dragged|dragging|yanked|"
            r"yanks) (?:me(?! (?:to|along|round|around|out|shopping)(?= ))|us|my (?:hair|arm|arms|neck|"
            r"throat|face|ear))|(?:twisted|twists|twisting|bent|bends) my (?:arm|wrist|fingers?|ear)(?= "
            r"(?:and|so|behind|until|till|back|really)|$)|(?:grabs|grabbed|holds|held|pins|pinned|drags|"
            r"dragged) (?:me|us) (?:by|down|against)|(?:throws|threw|throwing|chucked|chucks|launched) "
            r"(?:\w+ ){0,2}at (?:me|us|my \w+)|(?:locks|locked|locking|lock) (?:me|us) in|(?:locks|locked|"
            r"locking) (?:me|us) out (?:all night|overnight|in the cold|of the house|for hours|last night|"
            r"at night|in the rain)|(?:pushed|pushes|shoved|shoves) (?:me|us) (?:down|into|against|over|off|"
            r"out)|(?:spits|spat) (?:on|at) (?:me|us)|(?:knocks|knocked|knocking|knock) (?:me|us) (?:about|"
            r"around|out|over)|(?:slammed|slams|smashed|smashes|banged|bangs|threw|throws|throwing|pushed|"
            r"pushes|shoved|shoves) (?:me|my|us) (?:head |face )?(?:against|into|on)|(?:goes|went|going|go|"
            r"comes|came|coming) for (?:me|us|my (?:mum|dad|sister|brother|little \w+))|(?:broke|broken|"
            r"fractured|cracked|dislocated) my (?:arm|wrist|nose|ribs?|leg|finger|jaw|tooth))")

HOME = (
    ("family_harm", ("abuse_at_home",), rf"{FAMILY}(?: \w+){{0,14}} {_HARM_ME}"),
    ("violent_at_home", ("abuse_at_home",),
     rf"{FAMILY}(?: \w+){{0,3}} (?:is |gets |was |can be )?(?:really |so |very )?(?:violent|aggressive|"
     r"abusive) (?:to|towards|with|at) (?:me|us|my \w+|her|him)|black and blue|(?:makes|made|making) me do "
     r"(?:things|stuff) (?:to|with|for) (?:him|her)"),
    ("family_threat", ("abuse_at_home", "immediate_danger"),
     rf"{FAMILY}(?: \w+){{0,3}} (?:threatens|threatened|threatening|says he will|said he would|says she will|"
     r"said she would|keeps saying he will|keeps saying she will) (?:to )?(?:kill|hurt|beat|stab|batter) "
     r"(?:me|us|my \w+|her|him)"),
    ("scared_of_family", ("abuse_at_home",),
     rf"(?:scared|afraid|frightened|terrified) of my {FAMILY}(?! (?:finding|seeing|reading|knowing|getting|"
     r"if|when (?:he|she|they) (?:sees|see|finds|find|reads)|s reaction)(?= ))"),
    ("he_hurts_me", ("abuse_at_home",),
     r"(?:he|she|they)(?: \w+){0,2} (?:hits|beats|hurts|punches|kicks|slaps|chokes|strangles|abuses|batters|"
     r"smacks|grabs) (?:me|us|all of us|everyone|the kids)"),
    ("family_sexual", ("abuse_at_home", "sexual_exploitation"),
     rf"{FAMILY}(?: \w+){{0,3}} (?:touches|touched|touching|rapes|raped|molests|molested|does stuff to me|"
     r"did stuff to me|does things to me|did things to me|makes me touch|forces me to do \w+|forced me to "
     r"do \w+|makes me do sexual \w+|made me do sexual \w+)|(?:comes|coming|came|come) (?:in|into) my "
     r"(?:room|bed|bedroom) (?:at night|when i am asleep|while i sleep)|gets into my bed"),
    ("family_secrets", ("abuse_at_home", "sexual_exploitation"),
     rf"{FAMILY}(?: \w+){{0,3}} (?:makes|made|tells|told|wants|forces) me (?:to )?keep (?:secrets|a secret|"
     r"it a secret|quiet about|it quiet)|(?:said|told me|tells me|made me) to say i (?:fell|tripped|walked "
     r"into|did it)"),
    ("kept_in", ("abuse_at_home",),
     r"(?:not allowed|never allowed|can not|do not let me|does not let me|will not let me) (?:to )?(?:leave|"
     r"go out of|come out of) (?:my room|the house|my house)(?: \w+){0,3} (?:except|apart from|unless|for "
     r"days|for weeks|at all|ever)"),
    ("neglect_and_locking", ("abuse_at_home",),
     r"(?:not allowed|never allowed|can not have|do not get|never get) (?:any )?(?:food|dinner|tea|to eat|"
     r"meals)|without food|with no food|(?:lock|locks|locked|locking) (?:me|us) in my (?:room|bedroom)"),
    ("neglect", ("abuse_at_home",),
     r"(?:does not|do not|never|will not|wont|forgets to|forgot to|forget to) (?:feed|let me eat)|"
     r"(?:no|never|never any|not any) food "
     r"(?:at home|in the house|in my house|for days)|(?:left|leaves|leave|leaving) (?:me|us)(?: and my "
     r"\w+)? (?:alone|on our own|on my own|home alone)(?: \w+){0,2} (?:for days|all weekend|overnight|for "
     r"\w+ days|with no food|with nothing to eat)|(?:mum|dad|parents) (?:does not|do not|did not|never) "
     r"(?:come|comes) (?:back|home) for days"),
    ("made_to_do_things", ("abuse_at_home", "sexual_exploitation"),
     r"(?:makes|made|making|forces|forced|forcing|make) (?:me|them|her|us|girls) (?:to )?do (?:stuff|"
     r"things|something|sexual \w+)"
     r"(?: \w+){0,2}(?= (?:i do not|i did not)|$)"),
    ("unsafe_at_home", ("abuse_at_home",),
     rf"(?:not|never) (?:feel |feeling |felt )?safe (?:at home|in my (?:house|home|own home)|with my "
     rf"{FAMILY})|unsafe (?:at home|in my (?:house|home))|(?:home|my house|my home) (?:is not|is never|is no "
     r"longer|does not feel|never feels) safe"),
    ("scared_to_go_home", ("abuse_at_home",),
     r"(?:scared|afraid|frightened|terrified|worried) (?:to|of) (?:go |going |get |getting )?(?:back )?home|"
     r"(?:do not|never) (?:want|wanna|like|have) to (?:go|be|stay|sleep) (?:back )?(?:at )?home(?: \w+){0,6} "
     r"(?:hurt|hit|beat|kill|shout|scared|drunk|angry|hurts|hits|beats|kicks off|violent)"),
    ("violence_at_home", ("abuse_at_home",),
     r"(?:hitting|violence|abuse|abused|abusive|beaten|beating|hurt|hit|battered|smacked|slapped|punched|"
     r"kicked|whacked|beaten up)(?: me| us)?(?: \w+){0,2} (?:at home|in my house)|(?:leaves|left|leaving) "
     r"(?:marks|bruises)|(?:comes|walks|came|keeps coming) (?:in|into) (?:the )?(?:bathroom|shower|my room|"
     r"my bedroom)(?: \w+){0,3} (?:when|while) (?:i am|im) (?:in the shower|in the bath|changing|getting "
     r"changed|naked|asleep|in bed)"),
    ("bruises_from", ("abuse_at_home",),
     rf"(?:bruises|bruised|bruise|marks|black eye|welts) (?:\w+ ){{0,3}}(?:from|cos of|because of|off|by) "
     rf"(?:my )?{FAMILY}"),
    ("threat_if_i_tell", ("abuse_at_home",),
     rf"{FAMILY}(?: \w+){{0,4}} (?:kill|hurt|beat|hit|batter|punish|send me away|put me in care)(?: "
     r"\w+){0,2} (?:if|when) i (?:tell|told|say|said|talk|speak)|(?:tell|told|telling|say|talk about)(?: "
     r"\w+){0,3} what (?:happens|happened|goes on|went on) at home"),
    ("forced_marriage", ("abuse_at_home",),
     r"(?:make|makes|making|force\w*|send\w*|sent|take|taking|pressur\w*|want\w*) (?:me|my sister|my "
     r"brother|us) (?:\w+ ){0,6}(?:to )?(?:marry|get married|be married|an arranged marriage)|forced "
     r"marriage(?= (?:to|for me|for my)|$)"),
    ("punished_outside", ("abuse_at_home",),
     r"(?:make|makes|made|making|force\w*) (?:me|us) (?:to )?(?:sleep|stay|stand|kneel|sit|wait) (?:outside|"
     r"in the garden|in the cold|on the floor|in the shed|in the cupboard|in the rain)"),
    ("hit_with_something", ("abuse_at_home",),
     r"(?:hits|hit|hitting|beats|beat|beating|whips|whipped|smacks|smacked|batters|battered|belts|belted) "
     r"(?:me |us |my \w+ )?with (?:a|an|his|her|the|their|my) (?:belt|shoe|slipper|stick|cable|wire|wooden "
     r"spoon|spoon|hanger|coat hanger|lead|dog lead|charger|phone charger|hose|pan|rolling pin|cane|ruler|"
     r"chappal|chappals|buckle)|(?:his|her|the|dads?|mums?) belt (?:comes|came|coming) off|(?:marks|bruises|"
     r"welts|cuts|burns) (?:all )?(?:down|on|over|across|up) my (?:back|legs|arms|body|face|neck|side)"),
    ("burnt_by", ("abuse_at_home",),
     r"(?:put|puts|putting|held|holds|holding|pressed|presses) (?:a |the |his |her |their |my )?(?:lighter|"
     r"cigarette|fag|ciggie|iron|hot \w+|lit \w+|kettle|lighter flame) (?:to|on|against|onto) (?:my|me|"
     r"her|his)"),
    ("locked_in_a_room", ("abuse_at_home", "held"),
     r"(?:locks|locked|locking|lock) (?:me|us|my \w+)(?: and my \w+)? in (?:the|my|our|a|his|her|their) "
     r"(?:room|bedroom|bathroom|toilet|cupboard|shed|garage|attic|loft|basement|cellar|box room)|(?:get|"
     r"gets|got|getting|are|am|is|was|were|been|being|keep|keeps) (?:\w+ )?locked in (?:my|our|the|his|"
     r"her|their) (?:room|bedroom|bathroom|cupboard|shed|garage|attic|loft|basement|cellar|house)"),
    ("no_food", ("abuse_at_home",),
     r"(?:do not|does not|did not|will not|never|stopped|stop|not) (?:give|giving|gives|let|letting|lets) "
     r"(?:me|us|my \w+) (?:have )?(?:any |no )?(?:food|dinner|tea|meals?|breakfast|anything to eat|eat)|"
     r"(?:locks|locked|lock|padlock\w*) (?:on )?the (?:fridge|cupboards|kitchen|food)|(?:have not|has not|"
     r"had not|not|did not|have no|not had) (?:eaten|ate|had (?:any )?(?:food|a meal|anything to eat)|"
     r"anything to eat) (?:since|for) (?:\w+ )?(?:days|yesterday|monday|tuesday|wednesday|thursday|friday|"
     r"saturday|sunday|two|three|\d+|the weekend|ages)"),
    ("sleep_outside", ("abuse_at_home",),
     r"(?:have to|had to|got to|made to|forced to|gotta|told to) (?:(?:sleep|kneel) (?:outside|on the "
     r"doorstep)|(?:sleep|stay|stand|kneel) (?:in the shed|in the garden|in the cold|in the garage|in the "
     r"cupboard))"),
    ("head_through", ("abuse_at_home", "immediate_danger"),
     r"(?:put|smash|bash|knock|kick|stamp|slam|punch|cave) (?:my|your|his|her) (?:head|face|teeth|skull) "
     r"(?:through|in|into|off|against)"),
    ("break_my_legs", ("abuse_at_home", "immediate_danger"),
     rf"{FAMILY}(?: \w+){{0,6}} (?:break|snap|smash) (?:my|your|her|his) (?:legs?|arms?|neck|jaw|face|"
     r"fingers|ribs|nose|teeth)"),
    ("hiding_from_him", ("abuse_at_home",),
     r"(?:hide|hiding|hid) (?:under|in) (?:my|the|our) (?:bed|wardrobe|cupboard|room|bathroom|bedroom)(?: "
     r"\w+){0,3} (?:when|whenever|till|until|from|cos|because) (?:he|she|they|my \w+|dad|mum)"),
    ("hiding_the_marks", ("abuse_at_home",),
     r"(?:no one|nobody|teachers?|school|anyone|people) (?:can )?(?:sees?|notices?|asks? about) (?:the|my) "
     r"(?:marks|bruises|cuts|burns|black eye)|(?:hide|cover|covering|hiding|cover up) (?:the|my) (?:marks|"
     r"bruises|black eye)"),
    ("held_under_water", ("abuse_at_home", "immediate_danger"),
     r"(?:holds|held|holding|hold|pushed|pushes|push|pushing|keeps) (?:me|us|my \w+|her|him)(?: head)? "
     r"under (?:the )?(?:bath )?water|(?:get|got|getting|gets) the (?:belt|slipper|stick|cane|wooden spoon)"),
    ("no_tea_in_ages", ("abuse_at_home",),
     r"(?:have not|has not|had not|not|did not) had (?:any )?(?:tea|dinner|breakfast|lunch|a proper meal) "
     r"(?:in|for) (?:ages|days|\w+ days|a week|weeks)"),
)
