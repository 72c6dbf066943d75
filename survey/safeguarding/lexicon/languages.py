"""Urgent words in the chat's languages (Welsh, Polish, Urdu), turned into the English the patterns read.

The chat is offered in Welsh, Polish and Urdu, so someone may tell it they are in danger in any of them.
The rules stay English; these phrases are read first and replaced by their English meaning, as
:data:`survey.safeguarding.lexicon.words.PHRASES` does for words mixed into English. Polish and Welsh
keys are written without accents (the text loses them before it is read: "nóż", "noz" and "nóz" are one
word; "ł" is read as "l"), Roman Urdu keys as young people type them. :data:`URDU_SCRIPT` is read
before anything else, while the words are still in Urdu script (which the rest of the normalising
would drop). The longest phrase wins, so "mnie bije" is read before "mnie".

Measured by ``tests/data/safeguarding/tuning-languages.csv`` (urgent messages and harmless look-alikes
in each language; ``tests/unit/test_safeguarding_languages.py``).
"""

from __future__ import annotations

POLISH = {
    "ma noz": "has a knife", "ma noza": "has a knife", "ma nozyk": "has a knife", "ma bron": "has a weapon",
    "ma pistolet": "has a gun", "ma maczete": "has a machete", "pistolet": "gun", "bron": "weapon",
    "maczeta": "machete", "maczete": "machete",
    # "mam" (I have) is read as "mum" by the text-speak step before phrases are read.
    "mum noz": "i have a knife", "mum nozem": "i have a knife",
    "ktos mnie sledzi": "someone is following me", "ktos mnie goni": "someone is chasing me",
    "ktos idzie za mna": "someone is following me", "jestem w niebezpieczenstwie": "i am in danger",
    "w niebezpieczenstwie": "in danger", "on chce mnie zabic": "he wants to kill me",
    "chca mnie zabic": "they want to kill me", "chce mnie zabic": "wants to kill me",
    "zabije mnie": "will kill me", "mnie zabije": "will kill me", "grozi mi": "threatens me",
    "grozi mi nozem": "threatens me with a knife",
    "jak sie spoznie": "if i am late", "jak sie spoznie do domu": "if i am late home",
    "chce sie zabic": "i want to kill myself", "zabije sie": "i will kill myself",
    "pocielam sie": "i cut myself", "pocialem sie": "i cut myself", "tne sie": "i cut myself",
    "samobojstwo": "suicide", "o samobojstwie": "about suicide", "skrzywdze sie": "i will hurt myself",
    "mnie bije": "hits me", "mnie bija": "hit me", "mnie bil": "hit me", "mnie pobil": "hit me",
    "mnie uderzyl": "hit me", "mnie kopie": "kicks me",
    "nie wrocil do domu": "has not come home", "nie wrocila do domu": "has not come home",
    "nie wrocili do domu": "have not come home", "uciekla z domu": "ran away from home",
    "uciekl z domu": "ran away from home",
    "zamkneli mnie": "they locked me in", "zamknal mnie": "he locked me in",
    "nie pozwalaja mi wyjsc": "they will not let me leave",
    "nie pozwala mi wyjsc": "he will not let me leave",
    "kaza mi": "they make me", "kaze mi": "he makes me", "sprzedawac": "sell",
    "sprzedawac narkotyki": "sell drugs",
    "przewozic narkotyki": "carry drugs", "narkotyki": "drugs", "narkotykow": "drugs",
    "wysylac": "send", "wyslac": "send", "nagie zdjecia": "nudes", "nagich zdjec": "nudes",
}

WELSH = {
    "mae ganddo fe": "he has", "mae ganddo": "he has", "mae ganddi hi": "she has", "mae ganddi": "she has",
    "mae gyda fe": "he has", "mae gyda hi": "she has", "mae gan fy mrawd": "my brother has",
    "mae gan fy chwaer": "my sister has", "mae gan fy ffrind": "my friend has", "gyllell": "knife",
    "chyllell": "knife", "cyllyll": "knives", "dryll": "gun", "cyllell a fforc": "knife and fork",
    "troseddau cyllyll": "knife crime", "trosedd cyllyll": "knife crime",
    "dwi mewn perygl": "i am in danger", "dw i mewn perygl": "i am in danger", "mewn perygl": "in danger",
    "mae rhywun yn fy nilyn": "someone is following me", "rhywun yn fy nilyn": "someone is following me",
    "mae en mynd in lladd i": "he is going to kill me", "mae hin mynd in lladd i": "she is going to kill me",
    "mynd in lladd i": "going to kill me",
    "dw i eisiau marw": "i want to die",
    "dw in eisiau marw": "i want to die",
    "dw i isio marw": "i want to die", "hunanladdiad": "suicide", "lladd fy hunan": "kill myself",
    "torri fy hun": "cut myself", "brifo fy hun": "hurt myself", "dw i wedi": "i have", "dwi wedi": "i have",
    "yn fy nharo": "hits me", "yn fy nharo i": "hits me", "yn fy nghuro": "beats me",
    "yn fy nghuro i": "beats me", "llystad": "step dad", "fy mrawd": "my brother",
    "fy chwaer": "my sister", "fy ffrind": "my friend",
    "heb ddod adre": "has not come home", "heb ddod adref": "has not come home",
    "wedi diflannu": "is missing",
    "wedi fy nghloi": "locked me in", "wedi fy nghloi i mewn": "locked me in",
    "maen nhw wedi fy nghloi": "they locked me in",
    "dydyn nhw ddim yn gadael i mi fynd": "they will not let me leave",
    "maen nhwn gwneud i mi": "they make me", "gwneud i mi": "make me", "gwerthu": "sell",
    "gwerthu cyffuriau": "sell drugs", "cario cyffuriau": "carry drugs", "cyffuriau": "drugs",
    "lluniau noeth": "nudes", "anfon lluniau noeth": "send nudes", "anfon": "send",
}

ROMAN_URDU = {
    "us ke paas": "he has", "uske paas": "he has", "us ke pas": "he has", "ke paas": "has", "ke pas": "has",
    "khatre mein": "in danger", "khatre me": "in danger", "main khatre mein hoon": "i am in danger",
    "madad karo": "help me", "meri madad karo": "help me", "meri madad karein": "help me", "madad": "help",
    "koi mera peecha kar raha hai": "someone is following me", "mera peecha kar raha": "is following me",
    "peecha kar raha hai": "is following me", "wo mujhe maar dega": "he will kill me",
    "woh mujhe maar dega": "he will kill me", "mujhe maar dega": "will kill me",
    "mujhe maar dalega": "will kill me", "mujhe jaan se maar dega": "will kill me",
    "khud ko maar": "kill myself", "apne aap ko maar": "kill myself", "khud ko nuksan": "hurt myself",
    "khud ko kaat": "cut myself", "main marna chahta hoon": "i want to die",
    "main marna chahti hoon": "i want to die",
    "gayab hai": "is missing", "ghayab hai": "is missing", "lapata hai": "is missing", "lapata": "missing",
    "ghar wapas nahi aaya": "has not come home", "ghar wapas nahi aayi": "has not come home",
    "mujhe band kar diya": "they locked me in", "kamre mein band": "locked in a room",
    "jaane nahi dete": "they will not let me leave", "mujhe jaane nahi dete": "they will not let me leave",
    "drugs bechne pe majboor": "make me sell drugs", "drugs bechne par majboor": "make me sell drugs",
    "bechne pe majboor": "make me sell", "bechne par majboor": "make me sell",
    "nangi tasveerein": "nudes", "nangi tasveer": "nudes", "nangi photos": "nudes",
    "bhejne ko kehta hai": "asks me to send", "bhejne ko bolta hai": "asks me to send",
}

URDU_SCRIPT = {
    "چاقو": "knife", "چھری": "knife", "چھرا": "knife", "بندوق": "gun", "پستول": "gun", "ہتھیار": "weapon",
    "چاقو کے جرائم": "knife crime", "چاقو کا جرم": "knife crime",
    "اس کے پاس": "he has", "کے پاس": "has", "وہ": "he", "میں": "i", "مجھے": "me", "میرے": "my",
    "میرا": "my", "میری": "my", "بھائی": "brother", "بہن": "sister", "ابو": "dad", "ابا": "dad",
    "والد": "dad", "باپ": "dad", "سوتیلا باپ": "step dad", "سوتیلے والد": "step dad", "امی": "mum",
    "ماں": "mum", "والدہ": "mum", "دوست": "friend", "گھر": "home",
    "مدد": "help", "مدد کرو": "help me", "مدد کریں": "help me", "میری مدد کرو": "help me",
    "میری مدد کریں": "help me", "بچاؤ": "help me", "مجھے بچاؤ": "help me",
    "مجھے ڈر لگ رہا ہے": "i am scared", "ڈر لگ رہا ہے": "i am scared", "مجھے ڈر لگتا ہے": "i am scared",
    "میں خطرے میں ہوں": "i am in danger", "خطرے میں": "in danger",
    "کوئی میرا پیچھا کر رہا ہے": "someone is following me", "میرا پیچھا کر رہا ہے": "is following me",
    "میرا پیچھا کر رہے ہیں": "are following me",
    "مجھے مار ڈالے گا": "will kill me", "مجھے مار دے گا": "will kill me",
    "مجھے جان سے مار دے گا": "will kill me",
    "میں مرنا چاہتا ہوں": "i want to die", "میں مرنا چاہتی ہوں": "i want to die", "مرنا چاہتا": "want to die",
    "مرنا چاہتی": "want to die", "میں جینا نہیں چاہتا": "i do not want to live",
    "میں جینا نہیں چاہتی": "i do not want to live", "جینا نہیں چاہتا": "do not want to live",
    "جینا نہیں چاہتی": "do not want to live", "خودکشی": "suicide", "خود کشی": "suicide",
    "خود کو مار": "kill myself", "اپنے آپ کو مار": "kill myself", "خود کو نقصان": "hurt myself",
    "خود کو کاٹ": "cut myself", "خود کو کاٹا": "cut myself",
    "مجھے مارتے ہیں": "hit me", "مجھے مارتا ہے": "hits me", "مجھے مارتی ہے": "hits me",
    "مجھے پیٹتے ہیں": "beat me", "مجھے پیٹتا ہے": "beats me", "مجھے پیٹتی ہے": "beats me",
    "گھر نہیں آیا": "has not come home", "گھر نہیں آئی": "has not come home",
    "گھر واپس نہیں آیا": "has not come home", "گھر واپس نہیں آئی": "has not come home",
    "غائب ہے": "is missing", "غائب": "missing", "لاپتہ ہے": "is missing", "لاپتہ": "missing",
    "میں گھر نہیں جا سکتا": "i can not get home", "میں گھر نہیں جا سکتی": "i can not get home",
    "گھر نہیں جا سکتا": "can not get home", "گھر نہیں جا سکتی": "can not get home",
    "مجھے بند کر دیا": "they locked me in", "مجھے کمرے میں بند کر دیا": "they locked me in",
    "مجھے جانے نہیں دیتے": "they will not let me leave", "جانے نہیں دیتے": "they will not let me leave",
    "منشیات": "drugs", "ڈرگز": "drugs", "منشیات بیچنے": "sell drugs",
    "منشیات بیچنے پر مجبور": "make me sell drugs", "بیچنے پر مجبور": "make me sell",
    "مجھے منشیات بیچنے پر مجبور کرتے ہیں": "they make me sell drugs",
    "ننگی تصویریں": "nudes", "ننگی تصویر": "nudes", "بھیجنے کو کہتا ہے": "asks me to send",
}

PHRASES_BY_LANGUAGE = {**POLISH, **WELSH, **ROMAN_URDU}
"""The Latin-script phrases of the chat's languages, merged into the lexicon's ``PHRASES``."""
