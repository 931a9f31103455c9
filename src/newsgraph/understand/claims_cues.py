"""Cue phrases for check-worthiness, per language, written by the newsgraph team.

Each class is a tuple of phrases; a word ending in ``*`` matches any word starting with it. Matching is on folded
tokens (case and diacritics ignored), see ``framing_lexicon.phrase_lexicon``.
"""

from __future__ import annotations

from functools import cache

from newsgraph.understand.framing_lexicon import Lexicon, phrase_lexicon

__all__ = ["CUES", "cue_lexicon"]

EN = {
    "attribution": ("said", "says", "told", "according to", "stated", "claimed", "claims", "reported", "reports",
                    "announced", "noted", "added", "wrote", "writes", "confirmed", "admitted", "acknowledged",
                    "insisted", "warned", "point out", "pointed out", "testified", "revealed"),
    "causal": ("because", "due to", "as a result", "led to", "leads to", "lead to", "caused", "causing",
               "resulted in", "results in", "therefore", "thanks to", "owing to", "consequently", "triggered"),
    "prediction": ("will", "expected", "expects", "forecast*", "predict*", "likely", "plans to", "is set to",
                   "are set to", "going to", "intends to", "next year", "next week"),
    "comparison": ("more than", "less than", "fewer than", "higher than", "lower than", "compared", "than",
                   "largest", "biggest", "highest", "lowest", "record", "twice", "doubled", "tripled", "halved"),
    "event": ("arrived", "flew", "met", "signed", "killed", "attacked", "launched", "issued", "arrested", "visited",
              "declared", "approved", "rejected", "adopted", "invaded", "destroyed", "damaged", "captured",
              "released", "published", "imposed", "ratified", "traveled", "travelled", "elected", "resigned",
              "appointed", "banned", "sanctioned", "died", "struck", "shelled", "held", "fired", "won", "lost",
              "accused", "charged", "sentenced", "detained", "evacuated", "passed", "voted", "received"),
    "hedge": ("may", "might", "perhaps", "possibly", "reportedly", "allegedly", "apparently", "unclear", "could",
              "seems", "rumor*", "rumour*"),
    "opinion": ("i think", "i believe", "in my opinion", "we believe", "should", "must", "ought", "we need",
                "it is time", "let us", "let's"),
    "promo": ("subscribe", "read more", "follow us", "telegram", "viber", "sign up", "click", "scroll down",
              "do not fall for", "don't fall for", "don't miss", "newsletter", "other news", "share this"),
}

UK = {
    "attribution": ("заявив", "заявила", "заявили", "сказав", "сказала", "за словами", "за даними", "повідомив",
                    "повідомила", "повідомили", "повідомляє", "зазначив", "зазначила", "додав", "додала", "пише",
                    "написав", "стверджу*", "підтвердив", "підтвердила", "визнав", "визнала", "наголосив",
                    "наголосила", "попередив", "розповів", "розповіла"),
    "causal": ("внаслідок", "унаслідок", "тому що", "оскільки", "призвело", "призвели", "призведе", "спричини*",
               "завдяки", "в результаті", "у результаті", "через це", "через те", "через що"),
    "prediction": ("буде", "будуть", "очікується", "очікують", "прогноз*", "планує", "планують", "має намір",
                   "збирається", "найближчим часом", "наступного року", "ймовірно"),
    "comparison": ("більше ніж", "більш ніж", "менше ніж", "понад", "порівняно", "найбільш*", "найвищ*",
                   "найнижч*", "рекорд*", "удвічі", "вдвічі", "ніж"),
    "event": ("прибу*", "прилетів", "прилетіла", "прилетіли",
              "зустрівся", "зустрілися", "підписа*", "загину*", "загинув", "загинули", "вбив*",
              "атакува*", "запусти*", "видав", "видала", "оголоси*", "заарешту*", "затрима*", "відвіда*",
              "ухвали*", "відхили*", "знищи*", "знищено", "пошкодж*", "обстріля*", "захопи*", "звільни*",
              "опублікува*", "запровади*", "ратифікува*", "вирушив", "поїхав", "обра*", "призначи*",
              "заборони*", "провів", "провела", "отримав", "отримала", "отримали", "проголосува*"),
    "hedge": ("можливо", "ймовірно", "імовірно", "нібито", "мабуть", "може", "могли", "чутки"),
    "opinion": ("на мою думку", "вважаю", "варто", "слід", "треба", "має бути", "мусимо", "потрібно"),
    "promo": ("підписуйтесь", "підписуйтеся", "підписатися", "читайте також", "читайте більше", "telegram",
              "телеграм", "viber", "не ведіться", "переходьте", "інші новини"),
}

RU = {
    "attribution": ("заявил", "заявила", "заявили", "сказал", "сказала", "по словам", "по данным", "сообщил",
                    "сообщила", "сообщили", "сообщает", "отметил", "отметила", "добавил", "добавила", "пишет",
                    "написал", "утвержда*", "согласно", "подтвердил", "подтвердила", "признал", "признала",
                    "подчеркнул", "предупредил", "рассказал", "рассказала"),
    "causal": ("из-за", "в результате", "потому что", "поскольку", "привел*", "привело", "вызвал*", "благодаря",
               "вследствие", "так как", "поэтому"),
    "prediction": ("будет", "будут", "ожидается", "ожидают", "прогноз*", "планирует", "планируют", "намерен*",
                   "собирается", "в ближайшее время", "в следующем году", "вероятно"),
    "comparison": ("больше чем", "более", "менее", "по сравнению", "крупнейш*", "самый", "самых", "рекорд*",
                   "вдвое", "в два раза", "чем"),
    "event": ("прибыл*", "прилетел*", "встретился", "встретились", "подписал*", "погиб*", "убит*", "убил*", "атаковал*",
              "запустил*", "выдал", "выдала", "объявил*", "арестова*", "задержа*", "посетил*", "одобрил*",
              "отклонил*", "уничтожил*", "уничтожен*", "поврежд*", "обстреля*", "захватил*", "освободил*",
              "опубликова*", "ввел", "ввели", "ратифицирова*", "избран*", "назначил*", "запретил*", "провел",
              "провела", "получил*", "проголосова*"),
    "hedge": ("возможно", "вероятно", "якобы", "по-видимому", "может", "могли", "слухи"),
    "opinion": ("на мой взгляд", "по-моему", "считаю", "следует", "нужно", "надо", "должны"),
    "promo": ("подписывайтесь", "читайте также", "telegram", "телеграм", "viber", "переходите", "другие новости"),
}

PL = {
    "attribution": ("powiedział", "powiedziała", "według", "poinformował", "poinformowała", "poinformowali",
                    "podał", "podała", "przekazał", "przekazała", "stwierdził", "stwierdziła", "dodał", "dodała",
                    "napisał", "napisała", "pisze", "twierdz*", "oświadczył", "oświadczyła", "potwierdził",
                    "potwierdziła", "przyznał", "przyznała", "podkreślił", "ostrzegł", "zapowiedział"),
    "causal": ("ponieważ", "z powodu", "w wyniku", "wskutek", "doprowadził*", "spowodował*", "dzięki",
               "przez co", "dlatego", "w efekcie"),
    "prediction": ("będzie", "będą", "oczekuje się", "spodziewa* się", "prognoz*", "planuje", "planują",
                   "zamierza", "ma zamiar", "w przyszłym roku", "prawdopodobnie"),
    "comparison": ("więcej niż", "mniej niż", "ponad", "w porównaniu", "największ*", "najwyższ*", "najniższ*",
                   "rekord*", "dwukrotnie", "niż"),
    "event": ("przyby*", "przyleciał*", "spotkał*", "podpisał*", "zginął", "zginęło", "zginęli", "zabił*",
              "zaatakował*",
              "wystrzelił*", "wydał", "wydała", "ogłosił*", "aresztował*", "zatrzyma*", "odwiedził*",
              "zatwierdził*", "odrzucił*", "zniszczył*", "zniszczon*", "uszkodz*", "ostrzelał*", "zdobył*",
              "uwolnił*", "opublikował*", "wprowadził*", "ratyfikował*", "wybran*", "mianował*", "zakazał*",
              "przeprowadził*", "otrzymał*", "zagłosował*", "uchwalił*"),
    "hedge": ("może", "możliwe", "prawdopodobnie", "rzekomo", "podobno", "chyba", "plotki"),
    "opinion": ("moim zdaniem", "uważam", "należy", "trzeba", "powinni", "powinien", "musimy"),
    "promo": ("subskrybuj", "czytaj też", "czytaj także", "czytaj więcej", "zapisz się", "obserwuj", "telegram",
              "inne wiadomości"),
}

CUES = {"en": EN, "uk": UK, "ru": RU, "pl": PL}


@cache
def cue_lexicon(lang: str | None) -> Lexicon:
    """Cue matcher for ``lang``; English cues for languages without their own list (numbers still count)."""
    return phrase_lexicon(CUES.get(lang or "en", EN))
