"""English framing lexicon, written by the newsgraph team (no corpus text).

Entries are space-separated tokens; a token ending in ``*`` matches any word starting with it. Name-calling entries
carry the label(s) of the entity they can target ("PER", "ORG LOC").
"""

NAME_CALLING = {
    "dictator*": "PER", "tyrant*": "PER", "despot*": "PER", "war criminal*": "PER", "butcher*": "PER",
    "puppet*": "PER ORG", "thug*": "PER", "murderer*": "PER", "fascist*": "PER ORG", "nazi*": "PER ORG",
    "neo-nazi*": "PER ORG", "traitor*": "PER", "warmonger*": "PER", "propagandist*": "PER", "usurper*": "PER",
    "terrorist head of state": "PER", "terrorist leader*": "PER", "bunker grandpa": "PER", "autocrat*": "PER",
    "strongman": "PER", "regime*": "ORG LOC PER", "terrorist state*": "LOC", "terrorist country": "LOC",
    "aggressor country": "LOC", "aggressor state*": "LOC", "rogue state*": "LOC", "junta*": "ORG LOC",
    "horde*": "ORG LOC", "occupier*": "ORG LOC", "invader*": "ORG LOC", "rashist*": "ORG LOC PER",
    "orc": "ORG LOC", "orcs": "ORG LOC", "kremlin puppet*": "PER", "evil empire": "LOC", "cult leader*": "PER",
    "tinpot*": "PER", "criminal regime*": "ORG LOC PER", "mad man": "PER", "madman": "PER", "liar*": "PER",
}

# Epithets whose referent is fixed by the usage of the press that writes them (Ukrainian outlets' English editions):
# "the aggressor country" is Russia. Used as a target only when the article names that entity (framing_targets).
CONVENTIONAL_TARGETS = {
    "aggressor country": "Russia", "aggressor state*": "Russia", "terrorist state*": "Russia",
    "terrorist country": "Russia", "rashist*": "Russia", "orc": "Russia", "orcs": "Russia",
}

LOADED_LANGUAGE = (
    "brutal*", "barbaric*", "barbarian*", "heinous", "monstrous", "horrific", "atrocious", "atrocit*", "vile",
    "evil", "shameful*", "disgraceful", "outrageous", "notorious*", "cynical*", "bloody", "bloodthirsty",
    "treacherous", "sinister", "despicable", "ruthless*", "insane", "hysteri*", "genocidal", "massacre*",
    "slaughter*", "boast*", "dictatorial", "aggressor", "fakes", "lies", "lying", "shameless*", "savage*",
    "nefarious", "disastrous", "draconian", "crackpot", "deranged", "vicious*", "sham", "rigged", "stooge*",
    "henchm*", "cronies", "crony", "hellish", "terror", "terrorize*", "terrorise*", "radical*", "extremist*",
)

DOUBT = ("so-called", "supposedly", "purported*", "dubious", "questionable", "self-proclaimed", "pseudo*")

APPEAL_TO_FEAR = (
    "catastroph*", "apocalyp*", "existential threat*", "doomsday", "nuclear war", "nuclear annihilation",
    "collapse of civilization", "end of the world",
)

EXAGGERATION = (
    "unprecedented", "never before", "worst ever", "greatest ever", "absolutely", "utterly",
    "completely destroyed", "wiped out", "wipe out",
)

SLOGANS = ("do not fall for fakes", "don't fall for fakes", "glory to ukraine", "glory to the heroes")
