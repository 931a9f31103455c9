"""Language data for the quotes stage: speech cues, pronouns, speaker descriptions, organisations (en uk ru pl).

Plain constants and small builders only. Past-tense cue verbs in uk/ru/pl mark the speaker's gender and number
(заявив / заявила / заявили, powiedział / powiedziała / powiedzieli); each cue form therefore maps to a grammatical
gender: "m", "f", "pl" or "" when the form does not tell.
"""

from __future__ import annotations

__all__ = [
    "cue_forms",
    "ACCORDING_TO",
    "PRONOUNS",
    "POSSESSIVE_ACCORDING",
    "DESCRIPTIONS",
    "ORG_WORDS",
    "ORG_STEM_WORDS",
    "OUTLETS",
    "TITLES",
    "COMPLEMENTIZERS",
    "TRAILING_ADVERBS",
    "FEMALE_FIRST_NAMES",
    "MALE_FIRST_NAMES",
    "NOT_NAMES",
]

# English: inflected forms spelled out; none mark gender.
_EN_CUES = """
said says say saying told tells tell added adds stated explained explains noted argued argues
claimed claims insisted insists wrote writes warned warns asked asks replied replies responded responds
continued continues declared declares announced announces acknowledged acknowledges admitted admits
recalled recalls suggested suggests emphasized emphasised emphasizes stressed stresses complained complains
tweeted tweets posted reported commented remarked adding arguing warning insisting noting claiming telling
observed concluded conceded predicted
cautioned vowed promised urged quipped joked confirmed confirms denied denies countered maintained maintains
contended contends alleged alleges assured pointed_out points_out point_out testified boasted bragged charged
lamented mused noted recounted repeated reiterated retorted shouted yelled wondered estimated
believe believes believed thinks thought reminded remind reminds
wants wanted hopes hoped expects expected agreed disagreed accused
""".split()

# uk / ru / pl: past-tense stems + endings per gender, plus present-tense forms (no gender).
_UK_PAST = """заяви сказа зазначи повідоми дода наголоси підкресли поясни розпові написа відзначи зауважи нагада
запевни попереди уточни відпові поділи визна заклика прокоментува висловив процитува переконува припусти
пообіця зазнача розповіда підтверди спростува резюмува звернув стверджува""".split()
_UK_PRESENT = """заявляє заявляють каже кажуть говорить говорять вважає вважають пише пишуть повідомляє повідомляють
зазначає зазначають наголошує наголошують переконаний переконана переконані впевнений впевнена впевнені додає
додають пояснює розповідає підкреслює цитує стверджує стверджують""".split()
_RU_PAST = """заяви сказа сообщи отмети добави подчеркну поясни рассказа написа замети напомни завери предупреди
уточни ответи призна призва прокомментирова высказа процитирова подтверди опроверг пообеща утвержда""".split()
_RU_PRESENT = """заявляет заявляют говорит говорят считает считают пишет пишут сообщает сообщают отмечает
отмечают подчеркивает подчёркивает уверен уверена уверены убежден убеждена убеждены добавляет
поясняет рассказывает цитирует утверждает утверждают""".split()
_PL_PAST = """powiedzia stwierdzi doda podkreśli zaznaczy oświadczy poinformowa przekaza wyjaśni napisa oceni
zapowiedzia przyzna zauważy przypomnia zapewni ostrzeg odpowiedzia tłumaczy mówi zapyta przekonywa
argumentowa zadeklarowa ujawni potwierdzi zdementowa skomentowa twierdzi""".split()
_PL_PRESENT = """mówi mówią uważa uważają twierdzi twierdzą pisze piszą informuje informują podaje podają
przekonuje przekonują dodaje zaznacza podkreśla ocenia tłumaczy wyjaśnia""".split()


def _past(stems: list[str], lang: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for stem in stems:
        if lang == "uk":
            masc = stem if stem.endswith("в") else stem + "в"
            base = stem[:-1] if stem.endswith("в") else stem
            forms.update({masc: "m", base + "ла": "f", base + "ли": "pl"})
        elif lang == "ru":
            forms.update({stem + "л": "m", stem + "ла": "f", stem + "ли": "pl"})
            if stem.endswith("г"):  # опроверг / опровергла
                forms[stem] = "m"
        else:
            forms.update({stem + "ł": "m", stem + "ła": "f", stem + "li": "pl", stem + "ły": "pl"})
            if stem.endswith("a"):  # powiedział / powiedzieli
                forms[stem[:-1] + "eli"] = "pl"
    return forms


def cue_forms(lang: str) -> dict[str, str]:
    """Every cue word form of ``lang`` -> the speaker gender/number it marks ("m", "f", "pl" or "")."""
    if lang == "uk":
        return {**dict.fromkeys(_UK_PRESENT, ""), **_past(_UK_PAST, "uk")}
    if lang == "ru":
        return {**dict.fromkeys(_RU_PRESENT, ""), **_past(_RU_PAST, "ru")}
    if lang == "pl":
        return {**dict.fromkeys(_PL_PRESENT, ""), **_past(_PL_PAST, "pl")}
    return {form.replace("_", " "): "" for form in _EN_CUES}


# Phrases that put the speaker after them: "according to X", "за словами X", "по словам X", "według X".
ACCORDING_TO = {
    "en": ("according to", "in the words of", "as reported by", "as told by"),
    "uk": ("за словами", "на думку", "як заявив", "як заявила", "як повідомив", "як повідомила", "як зазначив",
           "як зазначила", "як сказав", "як сказала", "як пише", "як повідомляє", "за даними", "як розповів",
           "як розповіла", "як наголосив", "як наголосила"),
    "ru": ("по словам", "по мнению", "как заявил", "как заявила", "как сообщил", "как сообщила", "как отметил",
           "как отметила", "как сказал", "как сказала", "как пишет", "как сообщает", "по данным", "как рассказал",
           "как рассказала", "как подчеркнул", "как подчеркнула"),
    "pl": ("według", "zdaniem", "jak powiedział", "jak powiedziała", "jak podaje", "jak poinformował",
           "jak poinformowała", "jak stwierdził", "jak stwierdziła", "jak pisze", "jak zaznaczył", "jak zaznaczyła",
           "cytowany przez", "cytowana przez"),
}

# "According to him" in its own grammar: за його словами, по её словам, jego zdaniem.
POSSESSIVE_ACCORDING = {
    "en": {"according to him": "m", "according to her": "f", "according to them": "pl"},
    "uk": {"за його словами": "m", "за її словами": "f", "за їхніми словами": "pl", "на його думку": "m",
           "на її думку": "f", "на їхню думку": "pl", "за словами нього": "m"},
    "ru": {"по его словам": "m", "по её словам": "f", "по ее словам": "f", "по их словам": "pl",
           "по его мнению": "m", "по её мнению": "f", "по ее мнению": "f", "по их мнению": "pl"},
    "pl": {"według niego": "m", "według niej": "f", "według nich": "pl", "jego zdaniem": "m", "jej zdaniem": "f",
           "ich zdaniem": "pl"},
}

# Personal pronouns that can be a speaker -> gender/number.
PRONOUNS = {
    "en": {"he": "m", "she": "f", "they": "pl", "it": "n"},
    "uk": {"він": "m", "вона": "f", "вони": "pl"},
    "ru": {"он": "m", "она": "f", "они": "pl"},
    "pl": {"on": "m", "ona": "f", "oni": "pl", "one": "pl"},
}

# Nouns (lower case, any inflection prefix) that describe a person already named: "the expert", "експерт".
DESCRIPTIONS = {
    "en": """expert analyst official minister president leader spokesman spokeswoman spokesperson director head
    senator governor lawmaker candidate chairman chairwoman chief executive secretary ambassador diplomat
    economist professor researcher scientist politician premier chancellor mayor general commander activist
    lawyer attorney prosecutor judge representative congressman congresswoman nominee dictator author historian
    businessman founder manager adviser advisor aide strategist woman man billionaire observer critic officer
    agent""".split(),
    "uk": """експерт експертка аналітик аналітикиня політолог політологиня міністр міністерка президент президентка
    прем'єр прем’єр речник речниця посол посолка лідер лідерка голова очільник очільниця керівник керівниця
    директор директорка представник представниця генсек депутат депутатка нардеп журналіст журналістка
    диктатор економіст професор науковець військовий генерал командувач політик дипломат""".split(),
    "ru": """эксперт аналитик политолог министр президент премьер пресс-секретарь представитель представительница
    посол лидер глава руководитель директор депутат журналист журналистка диктатор экономист профессор
    генерал командующий политик дипломат спикер""".split(),
    "pl": """ekspert ekspertka analityk analityczka politolog politolożka minister ministra prezydent premier
    rzecznik rzeczniczka ambasador lider liderka szef szefowa dyrektor dyrektorka przedstawiciel
    przedstawicielka poseł posłanka dziennikarz dziennikarka dyktator ekonomista profesor generał polityk
    dyplomata""".split(),
}

# Words that make a capitalised name an organisation, and descriptions that name one ("the press service").
ORG_WORDS = {
    w.lower()
    for w in """Center Centre Court Ministry Service Agency Party Council Committee University Institute Office
    Department News Times Post Journal Bank Corp Corporation Inc Company Commission Union Association Foundation
    Bureau Network Press Group Parliament Senate Congress Government Administration Army Forces Police Kremlin
    Pentagon Command Fund Organization Organisation Board Media Television Radio Channel Tribune Herald Gazette
    Review Magazine Daily Reuters Bloomberg Interfax Campaign Airlines Airways""".split()
}
# Inflected in uk/ru/pl ("Міністерстві", "Ministerstwie"): matched by stem.
ORG_STEM_WORDS = {
    w.lower()
    for w in """Міністерство Служба Агентство Рада Комітет Офіс Уряд Кремль Міноборони МЗС Центр Інститут
    Банк
    Министерство Служба Агентство Совет Комитет Офис Правительство Кремль Минобороны МИД Центр Институт Банк
    Ministerstwo Służba Agencja Rada Komitet Biuro Rząd Kreml Centrum Instytut Bank Sejm Senat Kancelaria
    Авіакомпанія Авиакомпания Компанія Компания Концерн Корпорація Корпорация Spółka Firma Koncern Linie""".split()
}
ORG_DESCRIPTIONS = {
    "en": ("press service", "press office", "ministry", "agency", "government", "campaign", "spokesperson's office",
           "white house", "statement", "media", "embassy", "company", "police", "army", "military", "department"),
    "uk": ("пресслужба", "пресслужби", "прес-служба", "прес-служби", "міністерство", "відомство", "уряд", "посольство",
           "компанія", "поліція", "генштаб", "офіс"),
    "ru": ("пресс-служба", "пресс-службы", "министерство", "ведомство", "правительство", "посольство", "компания",
           "полиция", "генштаб", "офис"),
    "pl": ("biuro prasowe", "ministerstwo", "resort", "rząd", "ambasada", "firma", "policja", "kancelaria"),
}
OUTLETS = {
    w.lower()
    for w in """AP Reuters AFP Bloomberg CNN BBC Axios Politico Interfax TASS ТАСС РИА Интерфакс УНІАН Укрінформ
    Укрінформ PAP Onet RMF TVN24 Polsat Fox NBC CBS ABC NPR Xinhua Guardian""".split()
}

# Honorifics and roles printed before a name; never part of the speaker's name.
TITLES = {
    w.lower()
    for w in """President Senator Sen Rep Gov Governor Mr Mrs Ms Miss Dr Prof Professor Prime Minister Chancellor
    Secretary General Gen Col Judge Justice Mayor Speaker Leader Chairman Director Ambassador Pope King Queen
    Prince Princess Former Vice Deputy Chief Foreign Defense Defence State Finance Economy Interior Health
    Russian Ukrainian Polish American Chinese British French German Israeli US U.S. UK EU Democratic Republican
    Democrat Republican GOP Presidential Candidate Nominee Attorney Commissioner Spokesman Spokeswoman Lt Sgt
    Президент Прем'єр Прем’єр Міністр Премьер Министр Prezydent Premier Minister Pan Pani Пан Пані
    Прем'єр-міністр Прем'єр-міністерка Прем’єр-міністр Прем’єр-міністерка Премьер-министр Міністерка Президентка
    Канцлер Канцлерка Мэр Мер Глава Голова Спікер Спикер Посол Генсек Генерал Експерт Эксперт Ekspert
    Rzecznik""".split()
}

COMPLEMENTIZERS = {
    "en": ("that", "whether"),
    "uk": ("що", "нібито", "мовляв"),
    "ru": ("что", "будто", "мол"),
    "pl": ("że", "iż", "jakoby"),
}

TRAILING_ADVERBS = {
    w.lower()
    for w in """also later then further earlier previously once again recently only first reportedly has have had
    would will could may might has had repeatedly publicly privately
    також ще згодом раніше теж тоді пізніше
    также ещё еще позже ранее тоже затем
    także również też później wcześniej jeszcze potem""".split()
}

FEMALE_FIRST_NAMES = {
    w.lower()
    for w in """Hillary Sarah Elizabeth Nancy Kamala Michelle Melania Ivanka Kellyanne Huma Donna Debbie Elizabeth
    Mary Patricia Jennifer Linda Barbara Susan Jessica Karen Lisa Betty Margaret Sandra Ashley Kimberly Emily
    Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Angela Anna Helen
    Maria Julia Marine Angela Theresa Ursula Kaja Jill Nikki Carly Condoleezza Madeleine Janet Christine Hope
    Kate Katie Catherine Claire Alexandria Ilhan Rashida Lindsey Susan Tulsi Amy Kirsten Liz Elise Marsha Joni
    Jane Emily Emma Olivia Sophia Isabella Ava Mia Charlotte Amelia Abigail Grace Chloe Victoria Lily Hannah Natalie
    Samantha Rachel Lauren Megan Nicole Heather Diana Eva Paula Lucy Alice Ruth Joan Judy Rose Martha Gloria Teresa
    Sara Tina Wendy Kelly Andrea Monica Jenny Kristen Kirstjen Betsy Chelsea Gina Tammy Dianne Loretta Jeanne Ann
    Anne Marie Kathy Cathy Beth Sheila Alison Allison Caroline Valerie Vanessa Yvonne Zoe Joyce Jacqueline Irene
    Ingrid Heidi Eleanor Dolores Debra Dana Cheryl Carmen Brenda Bonnie Audrey April Alicia Agnieszka Małgorzata
    Katarzyna Magdalena Joanna Ewa Beata Renata Agata Marta Monika Dorota Iwona Mariya Nadiya Yevheniya
    Olena Oksana Iryna Yulia Tetiana Natalia Maryna Svitlana Olha Kateryna Viktoria Liudmyla Valentina Irina
    Olga Tatiana Natalya Maria Ekaterina Svetlana Lyudmila Marina Elena Yelena""".split()
}

MALE_FIRST_NAMES = {
    w.lower()
    for w in """Donald Barack Bernie Ted Marco Jeb John Joe Mike Michael Paul Chris Ben Bill Bob Robert James David
    Richard Charles Thomas Mark Steven Steve George Kevin Jeff Tim Tom Peter Scott Eric Jim Jason Brian Ron Rand
    Mitch Lindsey Vladimir Xi Sergei Sergey Dmitry Dmitri Alexander Alexei Volodymyr Petro Andriy Oleksandr Anton
    Emmanuel Boris Olaf Andrzej Donald Jarosław Mateusz Radosław Rafał Krzysztof Władysław Piotr Tomasz Jan Adam
    Benjamin Recep Narendra Justin Rishi Keir Nicolas Angela Martin Kurt Frank Gary Greg Larry Harry Jack Henry
    Newt Rudy Reince Corey Jared Stephen Sean Chuck Harry Dick Al Jimmy Ronald Gerald Lyndon Hunter Beto Pete""".split()
} - {"angela"}

# Capitalised words that start sentences or name months/days/places, never speakers on their own.
NOT_NAMES = {
    w.lower()
    for w in """The A An This That These Those It Its In On At For From With By As But And Or If When While After
    Before Since Yet So Thus However Meanwhile Also Still Now Then There Here What Who Why How Where Which
    According One Yes No of Not Only Even Just Both Each Every Other Some Many Most More Such Our Their His Her We You I
    They He She Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Read Other News Photo Video Source
    Russia Ukraine China Poland America United States Europe Moscow Beijing Kyiv Kiev Washington Warsaw London
    Israel Iran Syria Hamas Asia Africa Arctic Iowa Texas Florida Ohio California New York Sri Lanka Zambia
    Mongolia Laos Vietnam Thailand Pakistan Kyrgyzstan Hague Tel Aviv Brussels Paris Berlin Germany France
    Britain Belarus Crimea Donbas Kharkiv Odesa Lviv Dnipro Hall Square Street Palace Sea River Island Islands
    Mountains Valley Bay Avenue Road Belt Gulf Ocean Peninsula Strait Lake Airport Station Bridge Church
    Це У В На За Як Що Але І Й А Та Він Вона Вони Вже Також Тому Однак Проте Водночас Наразі
    Это Но И А Он Она Они Уже Также Поэтому Однако Впрочем При По Как Что
    To W Na Za Jak Co Ale I A Oraz On Ona Oni Już Także Dlatego Jednak Natomiast Przy Po
    Росія Україна Китай Польща Москва Київ Пекін Варшава США Європа
    Россия Украина Китай Польша Москва Киев Пекин Варшава США Европа
    Rosja Ukraina Chiny Polska Moskwa Kijów Pekin Warszawa USA Europa
    Wcześniej Następnie Jednocześnie Później Potem Ponadto Dodatkowo Również Wówczas Wtedy Teraz Obecnie Zarazem
    Tymczasem Dziś Dzisiaj Wczoraj Jutro Ostatnio Wreszcie Najpierw
    Там Тут Тоді Потім Раніше Згодом Зараз Нині Сьогодні Вчора Завтра Спочатку Нарешті Відтак
    Здесь Тогда Потом Ранее Затем Сейчас Ныне Сегодня Вчера Завтра Сначала Наконец Впоследствии
    Січень Лютий Березень Квітень Травень Червень Липень Серпень Вересень Жовтень Листопад Грудень
    Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь
    Styczeń Luty Marzec Kwiecień Maj Czerwiec Lipiec Sierpień Wrzesień Październik Listopad Grudzień""".split()
}
#: Prepositions before a place or an institution inside a subject phrase: "Гайко Маас у Москві заявив", "ambasador w
#: Niemczech stwierdził". The name after one is not the subject.
PLACE_PREPOSITIONS = {
    "uk": frozenset("у в на з із зі до від при біля під над".split()),
    "ru": frozenset("в во на с со из до от при у под над".split()),
    "pl": frozenset("w we na z ze do od przy u pod nad".split()),
}
