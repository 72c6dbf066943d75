"""Cheap exemptions for idioms, games, pets and consultation phrases that would otherwise be flagged daily.

Each is replaced by a placeholder before the patterns run, so a real risk elsewhere in the same message is
still found ("knife crime is bad but my brother has a knife").
"""

from __future__ import annotations

from survey.safeguarding.lexicon.words import SOCIAL, WEAPON

_PET = (r"(?:cat|dog|puppy|kitten|hamster|rabbit|bunny|pet|bird|tortoise|budgie|parrot|horse|pony|guinea pig|"
        r"snake|phone|keys|wallet|bike|purse|airpods|charger)")
_MUNDANE = (r"(?:late|fail\w*|grades|report|results|marks|detention|mess|room|forgot|forget|lose|lost|break|"
            r"broke|spent|skipped|bunked|miss|missed|phone bill|scratch\w*|dent\w*|crash\w*|wreck\w*|ruin\w*|"
            r"damage\w*|spill\w*|stain\w*)")

EXEMPTIONS = (
    r"(?:knife|gun|shotgun|weapon|blade) (?:crimes?|arch\w*|amnesty|bins?|surrender|awareness|education|"
    r"skins?)",
    r"(?:gun|shotgun|knife|weapon)s? (?:skin )?(?:in|on) (?:fortnite|cod|warzone|gta|roblox|minecraft|apex|"
    r"valorant|pubg|the game|my game|csgo)",
    r"(?:water|nerf|glue|toy|spud|staple|paintball|laser|bubble|cap|foam|pretend|lego) (?:guns?|pistols?|"
    r"swords?|knives|knife)",
    r"(?:knife|knives) (?:for|to) (?:his |her |my |the |a |our )?(?:fishing|camping|cooking|food tech|dt|"
    r"scouts|cadets|carving|whittling|woodwork)|knife and fork|butter knife|use a knife safely|(?:cook|"
    r"cooking|chef|kitchen|baking|bake|food tech)(?: \w+){0,8} (?:good|sharp|nice|proper|decent|fancy|"
    r"chefs|kitchen|new) knives",
    r"(?:never|not|do not|does not|would not|will not|did not)(?: \w+){0,2} (?:carried|carry|carrying|"
    rf"carries|had|have|own|owned|bring|brought|touched|used) (?:a |any |an )?{WEAPON}",
    r"in danger of (?:failing|fail|losing|lose|missing|miss|being late|getting (?:a )?detention|running out|"
    r"going extinct|flooding|closing)",
    r"die (?:my|your|his|her|their|the|it|our) hair",
    r"(?:die|dying|died) (?:of|from) (?:boredom|laughing|laughter|embarrassment|cringe|shame|hunger|heat)",
    r"kill (?:time|the lights|the vibe|the mood)",
    r"(?:suicide|suicidal|self ?harm|overdose) (?:prevention|awareness|rates?|statistics|stats|training|"
    r"services?|squad|bombers?|bombings?|helplines?|support|charit\w*|in schools|education|deaths|figures)",
    r"(?:talk|talks|video|lesson|assembly|posters?|pshe|awareness|campaign|leaflets?|news|film|documentary|"
    r"heard|read|saw|watched|learned|learnt|story|stories|book|movie|show|series|episode) (?:\w+ "
    r"){0,3}(?:about|on) (?:\w+ ){0,4}(?:sextortion|groom\w*|exploitation|county lines|missing "
    r"(?:children|people|kids)|knife crime|gangs|suicide|self harm|ran away|run away|running away|went "
    r"missing|kidnap\w*)",
    rf"following me (?:on|back on) {SOCIAL}",
    r"strapped (?:for (?:cash|money|time)|in)",
    r"(?:kill|murder|end|slaughter|destroy) me (?:if|when|cos|because) (?:i |she |he |they )?(?:am |was |"
    rf"get |got |come |do not |sees |see |find out |finds out )?(?:\w+ ){{0,3}}{_MUNDANE}",
    r"(?:kill|murder|end) me (?:for|if i|when i|cos i) (?:using|taking|borrowing|eating|wearing|breaking|"
    r"reading|touching|stealing|nicking|finishing)",
    r"(?:kill|murder|end|strangle) (?:my )?(?:little |big |older |younger )?(?:sister|brother|sis|bro|mate|"
    r"best friend|bestie|friend)(?: \w+){0,6} (?:lol|lmao|haha|ha|took|takes|ate|eats|stole|nicked|"
    r"borrowed|used|broke|finished)",
    r"beat (?:me|us|him|her) (?:at|in) (?:fifa|fortnite|cod|chess|football|tennis|pool|cards|uno|monopoly|"
    r"mario kart|games?|a race|racing|running|maths|smash bros|smash|mario|\w+ bros|ping pong|table tennis|"
    r"arm wrestling|basketball|netball|rugby|badminton|darts|scrabble|checkers|draughts|a game|the game|"
    r"every game|rocket league|call of duty|penalties|golf|minecraft|roblox)",
    r"hit (?:me|us) back",
    r"(?:never|not|does not|do not|did not|would never|has never|have never|will never) (?:\w+ )?(?:hurts?|"
    r"hit|hits|touched|touches|beats?|abused?|abuses) (?:me|us)",
    r"(?:left |leaves |got |have )?(?:bruises?|marks)(?: \w+){0,5} (?:from|after|playing|during) (?:play "
    r"?fight\w*|playing|football|rugby|training|pe|netball|hockey|the game|a game|falling|a fall|the match)",
    r"(?:never|not|nobody has ever|no one has ever|have not|has not)(?: \w+){0,2} (?:been )?(?:hurt|hit|"
    r"abused|beaten)(?: \w+){0,3} (?:at home|by anyone|by my \w+)",
    r"(?:pushed|pushes|pushing|push) (?:me|us) to (?:do|be|try|work|study|revise|go|join|keep|get|aim|"
    r"achieve)",
    r"(?:went|gone|go|going) missing (?:from|on|in) (?:the |my |our )?(?:group chat|gc|chat|snap|insta|"
    r"socials|whatsapp|discord|server)",
    r"(?:hit|hits|threw|throws|throwing|slapped|slaps|smacked|whacked|flicked) (?:me|us) with (?:a |an |his "
    r"|her )?(?:pillow|cushion|snowball|water balloon|balloon|nerf \w+|sock|teddy|towel|wet towel|tea towel|"
    r"spoon|paper|newspaper|rolled up \w+|toy \w+|foam \w+)",
    rf"(?:my |our |the )?{_PET}(?: \w+){{0,3}} (?:missing|away|lost|gone)(?: since \w+| from \w+| for \w+"
    r"(?: \w+)?)?",
    r"(?:hit|hits|pushed|slapped|kicked|hurt) (?:me|us)(?: \w+){0,4} (?:by accident|accidentally|"
    r"accidently|by mistake)",
    r"pushed (?:me|us) (?:in|into) (?:the )?(?:pool|water|sea|river|snow|leaves|mud|sand)",
    r"(?:dog|puppy|cat|pony|horse)(?: \w+)? (?:is |was |getting |being |got )?groom\w*",
    r"(?:nose|nosebleed|lip|gums|finger)(?: \w+){0,2} (?:is |was |keeps )?bleeding",
    r"(?:kill|murder) me (?:i am|cos i am|because i am) (?:so |really |that |very )?late",
    r"(?:brother|sister|bro|sis|cousin|mate|friend)(?: \w+){0,2} (?:hit|hits|hitting|punch\w*|kick\w*|"
    r"slap\w*|push\w*|pinch\w*) (?:me|us)(?: \w+){0,4} (?:for fun|as a joke|for a laugh|messing about|"
    r"messing around|when we play fight\w*|in a play fight)",
    r"(?:sister|brother|sis|bro|cousin|friend|mate|bestie|best friend)(?: \w+){0,3} (?:wants|asked|told|"
    r"made|makes) me (?:to )?keep (?:it )?(?:a )?secret (?:that|about) (?:she|he|they|her|his|their)",
    r"(?:not allowed|never allowed) (?:any )?(?:dinner|tea|pudding|dessert) (?:till|until|before) i "
    r"(?:finish\w*|do|did|tidy|tidied|clean\w*)",
)
