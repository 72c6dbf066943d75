"""Words the patterns share: text-speak, other languages' risk words, and regex fragments.

:data:`TEXT_SPEAK` maps one typed word to its plain spelling. :data:`PHRASES` maps a word or a few words
of another language that young people mix into English (Polish, Urdu or Punjabi in Latin script,
Welsh, Somali, Romanian), and a few ambiguous English spellings in a context that settles them
("hell hurt me" is "he will hurt me"), to the English the patterns look for. Both are applied word by
word after the text is normalised, so keys are written without accents or punctuation.
"""

from __future__ import annotations

TEXT_SPEAK = {
    "u": "you", "ur": "your", "r": "are", "b": "be", "b4": "before", "m8": "mate",
    "h8": "hate", "gr8": "great", "2day": "today", "2nite": "tonight", "tonite": "tonight", "nite": "night",
    "2moro": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "ppl": "people", "pple": "people",
    "wanna": "want to", "wana": "want to", "gonna": "going to", "gna": "going to", "gunna": "going to",
    "gona": "going to", "finna": "going to", "tryna": "trying to", "imma": "i am going to",
    "ima": "i am going to", "im": "i am", "ive": "i have", "hes": "he is", "shes": "she is",
    "theyre": "they are", "theyll": "they will", "theyd": "they would", "theyve": "they have",
    "hed": "he would", "youll": "you will", "youre": "you are", "dont": "do not", "dnt": "do not",
    "didnt": "did not", "doesnt": "does not", "isnt": "is not", "wasnt": "was not", "werent": "were not",
    "hasnt": "has not",
    "havent": "have not", "hadnt": "had not", "couldnt": "could not", "wouldnt": "would not",
    "shouldnt": "should not", "arent": "are not", "aint": "is not", "cant": "can not", "carnt": "can not",
    "cannot": "can not", "wont": "will not", "theres": "there is", "thats": "that is",
    "someones": "someone is", "pls": "please", "plz": "please", "rn": "right now", "cos": "because",
    "coz": "because", "cuz": "because", "cus": "because", "bc": "because", "becuz": "because",
    "becos": "because", "wen": "when", "wud": "would", "cud": "could", "shud": "should",
    "dunno": "do not know", "idk": "i do not know", "n": "and", "w": "with", "abt": "about", "alot": "a lot",
    "msg": "message", "msgs": "messages", "dm": "message", "dms": "messages", "dming": "messaging",
    "frend": "friend", "freind": "friend", "bsf": "best friend", "bff": "best friend", "yr": "year",
    "mom": "mum", "mam": "mum", "mama": "mum", "mummy": "mum", "mommy": "mum", "mother": "mum",
    "daddy": "dad", "papa": "dad", "father": "dad", "stepdad": "step dad", "stepmum": "step mum",
    "bf": "boyfriend", "gf": "girlfriend", "nife": "knife", "knif": "knife", "kife": "knife",
    "kinfe": "knife", "knive": "knife", "nives": "knives", "sucidal": "suicidal", "suicidle": "suicidal",
    "suisidal": "suicidal", "sucide": "suicide", "suiside": "suicide", "suicde": "suicide",
    "myslf": "myself", "myslef": "myself", "meself": "myself", "maself": "myself", "mself": "myself",
    "carrys": "carries", "selfharm": "self harm", "selfharming": "self harming", "cunch": "country",
    "any1": "anyone", "some1": "someone", "sum1": "someone", "sumone": "someone", "somone": "someone",
    "every1": "everyone", "no1": "no one", "hom": "home", "threatend": "threatened",
}

# "2" and "4" are "to" and "for" in text-speak, unless a count follows: "4 days", "2 of them".
NUMBER_WORDS = {"2": "to", "4": "for"}
COUNTED = frozenset(
    """
    day days night nights week weeks hour hours hr hrs min mins minute minutes year years yr yrs
    month months am pm oclock grand k quid pound pounds times pills tablets people men guys boys
    girls lads kids mates friends of or and to more knives guns blades shanks phones bags
    """.split()
)

# Other languages' words for the things the patterns look for. Collapsed like the text, so "abbu" and
# "abu" are one key. Family words become English so "abbu ... hits me" reads "dad ... hits me".
_OTHER_LANGUAGES = {
    # Polish
    "noz": "knife", "nozem": "knife", "nozyk": "knife", "nozyka": "knife", "noza": "knife",
    "pomocy": "help me", "pomoz mi": "help me", "pomozcie": "help me", "boje sie": "i am scared",
    "bije mnie": "hits me", "bil mnie": "hit me", "bija mnie": "hit me", "uderzyl mnie": "hit me",
    "nie chce zyc": "i do not want to live", "nie chce juz zyc": "i do not want to live",
    "chce umrzec": "i want to die", "zabije sie": "i will kill myself", "zabic sie": "kill myself",
    "zniknal": "went missing", "zniknela": "went missing", "zaginal": "went missing",
    "zaginela": "went missing", "zaginiony": "missing", "zaginiona": "missing",
    "nie moge wrocic do domu": "i can not get home", "nie moge isc do domu": "i can not get home",
    "nie wiem gdzie jestem": "i do not know where i am", "moj": "my", "moja": "my", "brat": "brother",
    "siostra": "sister", "tata": "dad", "ojciec": "dad", "matka": "mum", "ojczym": "step dad",
    "sprzedaje": "sells", "sprzedaje dla gangu": "sells for the gang", "dla gangu": "for the gang",
    "nie moze odejsc": "can not leave", "nie moge odejsc": "i can not leave",
    # Urdu, Hindi or Punjabi in Latin script
    "chaku": "knife", "chaaku": "knife", "churi": "knife", "chhuri": "knife", "chura": "knife",
    "chhura": "knife", "bandook": "gun", "banduk": "gun", "abbu": "dad", "abba": "dad",
    "abbu ji": "dad", "ammi": "mum", "ammu": "mum", "amma": "mum", "mujhe": "me", "mera": "my",
    "meri": "my", "mere": "my", "marta hai": "hits", "marti hai": "hits", "marte hai": "hit",
    "marte hain": "hit", "mujhe marta": "hits me", "mujhe marti": "hits me", "mujhe marte": "hit me",
    "mujhe mara": "hit me", "belt se mara": "hit me with a belt", "chapal se mara": "hit me with a shoe",
    "marta hai mujhe": "hits me", "marti hai mujhe": "hits me", "marte hain mujhe": "hit me",
    "mujhe nahi jeena": "i do not want to live", "nahi jeena": "i do not want to live",
    "jeena nahi": "i do not want to live", "jeena nahi chahta": "i do not want to live",
    "jeena nahi chahti": "i do not want to live", "marna chahta": "i want to die",
    "marna chahti": "i want to die", "mar jana chahta": "i want to die", "mar jana chahti": "i want to die",
    "mar jana chahta hoon": "i want to die", "mar jana chahti hoon": "i want to die",
    "khudkushi": "suicide", "khud kushi": "suicide", "dar lag raha": "i am scared",
    "dar lag rahi": "i am scared", "dar lagta": "i am scared", "mujhe dar": "i am scared",
    "bachao": "help me", "ghar": "home", "ghar nahi aaya": "has not come home",
    "ghar nahi aayi": "has not come home", "ghar nahi aaye": "has not come home",
    "ghar nahi ja sakta": "can not get home", "ghar nahi ja sakti": "can not get home",
    "bechne ko bolte": "tell me to sell", "bechne ko kehte": "tell me to sell", "bechna": "sell",
    "bechne": "sell",
    "bhai": "brother", "behen": "sister", "behan": "sister", "bhen": "sister",
    "zabardasti shaadi": "forced marriage", "shaadi": "marriage",
    # Welsh
    "cyllell": "knife", "helpa fi": "help me", "help fi": "help me", "helpwch fi": "help me",
    "dw in ofn": "i am scared", "dwin ofn": "i am scared", "dwi ofn": "i am scared",
    "mae ofn arna i": "i am scared", "mae gen i ofn": "i am scared",
    "dw i ddim eisiau byw": "i do not want to live", "dwi ddim eisiau byw": "i do not want to live",
    "dim eisiau byw": "do not want to live", "ddim isio byw": "do not want to live",
    "eisiau marw": "want to die", "isio marw": "want to die", "lladd fy hun": "kill myself",
    "ar goll": "missing", "methu mynd adre": "can not get home", "methu mynd adref": "can not get home",
    "methu cyrraedd adre": "can not get home", "adre": "home", "adref": "home", "brawd": "brother",
    "chwaer": "sister", "fy": "my", "tad": "dad", "yn taro fi": "hits me", "taro fi": "hits me",
    "curo fi": "beats me", "yn curo fi": "beats me", "ffrind": "friend", "ysgol": "school",
    # Somali
    "mindi": "knife", "mindida": "knife", "qori": "gun", "bastoolad": "gun", "hooyo": "mum",
    "hooyaday": "mum", "hooyadey": "mum", "aabo": "dad", "aabe": "dad", "aabbe": "dad", "aabahay": "dad",
    "walaal": "brother", "walaalkay": "my brother", "walaalkey": "my brother", "walaashay": "my sister",
    "walaashey": "my sister", "waan baqayaa": "i am scared", "waan baqay": "i am scared",
    "baqayaa": "scared", "caawi": "help me", "caawimaad": "help",
    "dili doonaa": "kill myself", "dili": "kill myself", "isdil": "kill myself",
    "dilo": "kill myself", "dhinto": "die", "dhimo": "die", "maqan": "missing",
    "garaacaa": "hits me", "garaaca": "hits me",
    "garaacay": "hit me", "guriga": "home", "wey maqan tahay": "is missing", "wuu maqan yahay": "is missing",
    "maqan tahay": "is missing", "maqan yahay": "is missing", "gabar": "girl",
    # Romanian
    "cutit": "knife", "cutitul": "knife", "cutite": "knives", "ajutor": "help", "ajuta ma": "help me",
    "ajutati ma": "help me", "frica": "i am scared",
    "bate": "hits me", "loveste": "hits me",
    "batut": "hit me", "tatal meu": "my dad", "frate": "brother",
    "fratele": "brother", "fratele meu": "my brother", "sora mea": "my sister",
    "nu mai vreau sa traiesc": "i do not want to live", "nu vreau sa traiesc": "i do not want to live",
    "vreau sa mor": "i want to die", "ma omor": "kill myself", "sa ma omor": "kill myself",
    "sinucid": "kill myself", "disparut": "went missing",
    "nu a venit acasa": "has not come home", "venit acasa": "come home",
    "nu pot sa ajung acasa": "i can not get home", "nu pot ajunge acasa": "i can not get home",
    "nu pot sa merg acasa": "i can not get home", "acasa": "home", "baiat": "boy", "baiatul": "boy",
    "barbat": "man", "barbatul": "man",
}

# "hell", "shell" and "ill" are words, and also "he'll", "she'll" and "I'll" typed without the apostrophe.
_AMBIGUOUS = {"hell": "he will", "shell": "she will", "ill": "i will"}
_THREAT_VERBS = (
    "hurt", "kill", "stab", "shank", "beat", "batter", "find", "come", "get", "post", "send", "share", "leak",
    "show", "tell", "jump", "do", "shoot", "knife", "kick", "hit", "end", "never", "just", "be", "take",
    "cut", "go", "run", "make", "put", "smash",
)

PHRASES = {
    **_OTHER_LANGUAGES,
    **{
        f"{word} {verb}": f"{meaning} {verb}"
        for word, meaning in _AMBIGUOUS.items()
        for verb in _THREAT_VERBS
    },
}

# --- regex fragments shared by the pattern modules ------------------------------------------------------
# Sources are regex fragments over normalised text (single spaces, no punctuation). Don't use \b or a
# literal $ for "end of message" other than as a whole alternative: the compiler adds the boundaries.

WEAPON = (r"(?:knife|knives|blade|blades|shank|shanks|machete|machetes|rambo|gun|guns|pistol|strap|straps|"
          r"skeng|burner|shotgun|firearm|weapon|weapons|nank|bora|crossbow|wap|waps|taser|tasers|"
          r"knuckle ?dusters?|bb gun|air rifle|zombie \w+|ching|chings|cleaver|cleavers|shotty|shotties)")
IMPROVISED = (r"(?:hammer|bat|baseball bat|bottle|brick|screwdriver|scissors|compass|acid|axe|sword|katana|"
              r"pepper spray|metal bar|iron bar|pole|stick|glass|spanner|golf club|chain)")
WHO = (r"(?:i|he|she|they|we|you|someone|somebody|some one|everyone|him|man|mans|my \w+|his \w+|her \w+|"
       r"this \w+|that \w+|a (?:boy|girl|man|guy|lad|kid|gang|group|bloke)|(?:boy|girl|guy|lad|bloke|mate|"
       r"friend|brother|cousin|boyfriend|dad|uncle)s?|kid|the (?:boy|girl|man|guy|lad|kid|olders|gang)s?|a "
       r"(?:year|yr) \d+|year \d+s?|a (?:student|pupil)|yutes?|mandem|man dem|lads|boys)")
PERSON = (r"(?:me|us|you|him|her|them|someone|somebody|people|my (?:mum|dad|brother|sister|friend|mate|"
          r"family))")
FAMILY = (r"(?:dad|mum|step dad|step mum|stepfather|step father|step mother|parents?|carers?|foster \w+|"
          r"uncle|aunt|auntie|aunty|brother|sister|grandad|grandpa|nan|nana|gran|granny|grandma|cousin|"
          r"(?:mums?|dads?) (?:boyfriend|girlfriend|partner|new \w+|friend|mate|mates|fella|husband|wife)|"
          r"boyfriend|girlfriend|partner|family|my tad|nhad|fy nhad)")
INTENT = r"(?:going to|will|would|to|want to|wants to|about to|trying to|tried to|coming to)"
OLDER = r"(?:older|old) (?:men|man|guys|guy|boys|lads|lad)"
SOCIAL = (r"(?:insta|instagram|ig|tiktok|tik tok|snap|snapchat|twitter|x|twitch|youtube|yt|spotify|strava|"
          r"threads|socials|social media)")
STRANGER = (r"(?:man|men|guy|guys|bloke|stranger|someone|somebody|older \w+|adult|he|they|this \w+|some \w+|"
            r"a \w+ i met online|account|person)")
