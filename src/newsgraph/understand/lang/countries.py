"""Every country and continent, named in en / uk / ru / pl, from the Unicode CLDR (through Babel, already ours for
dates): "Данія" = "Дания" = "Dania" = Denmark without a team member typing 250 rows four times.

The team's list (``aliases.ALIASES``) stays first: where it names a country, its id and extra names win, and the
CLDR names of that country join the team's id ("Türkiye" is the team's Turkey, whatever CLDR calls it).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["COUNTRY_LANGUAGES", "country_aliases", "ALSO_PERSONAL_NAMES"]

COUNTRY_LANGUAGES = ("en", "uk", "ru", "pl")
# CLDR territory codes that are no place a news reader would call a country: groupings, the unknown region,
# pseudo-regions. The European Union is an organisation here (the team lists it as one).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "XK"})
# Continents (UN M49 codes) are places too: "Europe", "Азія".
_CONTINENTS = frozenset({"002", "019", "142", "150", "009", "010"})
# A name CLDR writes for a part of a country pair or a disputed area ("Congo - Kinshasa", "Macao SAR China"):
# no news text writes it so, and its parts would match other names.
_UNUSABLE = re.compile(r"[–\-—(),]|\bSAR\b")
#: Countries whose English name is also a given name or surname: the recogniser's PER for "Jordan" or "Chad" may be
#: right, so it is never relabelled LOC on the list's word alone.
ALSO_PERSONAL_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Israel", "Kenya", "Niger", "Jersey", "Guernsey"})


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, tuple[str, ...]]:
    """English CLDR name -> its names in our languages (the English one included), usable ones only."""
    from babel import Locale

    names = {lang: Locale.parse(lang).territories for lang in COUNTRY_LANGUAGES}
    out: dict[str, tuple[str, ...]] = {}
    for code, english in names["en"].items():
        is_country = len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
        if not (is_country or code in _CONTINENTS) or _UNUSABLE.search(english):
            continue
        forms = [name for lang in COUNTRY_LANGUAGES
                 if (name := names[lang].get(code)) and not _UNUSABLE.search(name)]
        out[english] = tuple(dict.fromkeys(forms))
    return out
