"""Team-written Polish forms of well-known names that suffix rules get wrong or cannot know (irregular stems)."""

from __future__ import annotations

# Whole names (lower-cased form -> base form).
PHRASES = {
    "unii europejskiej": "Unia Europejska",
    "unię europejską": "Unia Europejska",
    "unią europejską": "Unia Europejska",
    "stanów zjednoczonych": "Stany Zjednoczone",
    "stanach zjednoczonych": "Stany Zjednoczone",
    "stanami zjednoczonymi": "Stany Zjednoczone",
    "wielkiej brytanii": "Wielka Brytania",
    "wielką brytanię": "Wielka Brytania",
    "xi jinpinga": "Xi Jinping",
    "xi jinpingiem": "Xi Jinping",
    "xi jinpingowi": "Xi Jinping",
    "międzynarodowego trybunału karnego": "Międzynarodowy Trybunał Karny",
    "międzynarodowemu trybunałowi karnemu": "Międzynarodowy Trybunał Karny",
    "międzynarodowym trybunale karnym": "Międzynarodowy Trybunał Karny",
    "organizacji narodów zjednoczonych": "Organizacja Narodów Zjednoczonych",
    "światowej organizacji zdrowia": "Światowa Organizacja Zdrowia",
    "brexit": "Brexit", "brexitu": "Brexit", "brexicie": "Brexit", "brexitem": "Brexit", "brexitowi": "Brexit",
}

# Single words (lower-cased form -> base form, lower-cased; capitalisation comes from the text).
WORDS = {
    "putina": "putin", "putinowi": "putin", "putinem": "putin", "putinie": "putin",
    "zełenskiego": "zełenski", "zełenskiemu": "zełenski", "zełenskim": "zełenski",
    "jinpinga": "jinping", "jinpingiem": "jinping", "jinpingowi": "jinping",
    "kijowa": "kijów", "kijowie": "kijów", "kijowem": "kijów", "kijowowi": "kijów",
    "moskwy": "moskwa", "moskwie": "moskwa", "moskwę": "moskwa", "moskwą": "moskwa",
    "rosji": "rosja", "rosję": "rosja", "rosją": "rosja",
    "ukrainy": "ukraina", "ukrainie": "ukraina", "ukrainę": "ukraina", "ukrainą": "ukraina",
    "polski": "polska", "polsce": "polska", "polskę": "polska", "polską": "polska",
    "chin": "chiny", "chinach": "chiny", "chinom": "chiny", "chinami": "chiny",
    "niemiec": "niemcy", "niemczech": "niemcy", "niemcom": "niemcy", "niemcami": "niemcy",
    "pekinu": "pekin", "pekinie": "pekin", "pekinem": "pekin",
    "warszawy": "warszawa", "warszawie": "warszawa", "warszawę": "warszawa", "warszawą": "warszawa",
    "kremla": "kreml", "kremlu": "kreml", "kremlem": "kreml",
    "bidena": "biden", "bidenowi": "biden", "bidenem": "biden",
    "trumpa": "trump", "trumpowi": "trump", "trumpem": "trump",
    "siłuanowa": "siłuanow", "gabujewa": "gabujew",
    "europy": "europa", "europie": "europa", "europę": "europa", "europą": "europa",
    "indii": "indie", "indiach": "indie", "indiom": "indie",
    "brukseli": "bruksela", "londynu": "londyn", "londynie": "londyn",
}
