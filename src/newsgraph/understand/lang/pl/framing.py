"""Polish framing lexicon, written by the newsgraph team (no corpus text).

Entries are space-separated tokens; a token ending in ``*`` matches any word starting with it (inflection).
Name-calling entries carry the label(s) of the entity they can target. Entries are folded before matching, so
diacritics are optional.
"""

NAME_CALLING = {
    "dyktator*": "PER", "tyran*": "PER", "despot*": "PER", "zbrodniarz* wojenn*": "PER", "zbrodniarz*": "PER",
    "kat": "PER", "kata": "PER", "katem": "PER", "terroryst*": "PER ORG", "faszyst*": "PER ORG",
    "nazist*": "PER ORG", "neonazist*": "PER ORG", "zdrajc*": "PER", "marionet*": "PER ORG", "reżim*": "ORG LOC PER",
    "junt*": "ORG LOC", "agresor*": "LOC ORG PER", "okupant*": "ORG LOC", "najeźdźc*": "ORG LOC",
    "rusofob*": "PER ORG", "państw* terrorystyczn*": "LOC", "państw* agresor*": "LOC", "morderc*": "PER",
    "ludojad*": "PER", "propagandyst*": "PER", "oszust*": "PER", "kłamc*": "PER", "szaleniec": "PER",
    "szaleńc*": "PER", "bolszewi*": "PER ORG", "komuch*": "PER ORG", "lewak*": "PER ORG", "pisowc*": "PER ORG",
    "totalsi": "PER ORG", "zamordyst*": "PER ORG",
}

# Epithets whose referent is fixed by the usage of the Polish press: "państwo agresor" is Russia. Used as a target
# only when the article names that entity (framing_targets).
CONVENTIONAL_TARGETS = {"państw* agresor*": "Russia", "państw* terrorystyczn*": "Russia"}

LOADED_LANGUAGE = (
    "brutaln*", "barbarzyńsk*", "okrucieństw*", "okrutn*", "podł*", "cyniczn*", "kłamliw*", "kłamstw*", "krwaw*",
    "haniebn*", "bezczeln*", "histeri*", "ludobój*", "fejk*", "propagand*", "zbrodnicz*", "terrorystyczn*",
    "dyktatorsk*", "potworn*", "straszliw*", "przerażając*", "bezwzględn*", "skandal*", "żałosn*", "obrzydliw*",
    "chwali* się", "przechwala*", "bandyck*", "haniebnie", "kompromitac*", "hańb*", "nikczemn*", "szok*",
)

DOUBT = ("tak zwan*", "tzw", "rzekomo", "rzekom*", "wątpliw*", "pseudo*", "samozwańcz*")

APPEAL_TO_FEAR = ("katastrof*", "apokalip*", "wojn* jądrow*", "zagład*", "śmiertelne zagrożenie", "koniec świata")

EXAGGERATION = ("bezprecedensow*", "totaln*", "absolutnie", "całkowicie zniszcz*", "zetrzeć z powierzchni ziemi")

SLOGANS = ("nie daj się nabrać", "nie dajcie się nabrać")
