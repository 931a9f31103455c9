"""Cue phrases for check-worthiness, per language, written by the newsgraph team.

Each class is a tuple of phrases; a word ending in ``*`` matches any word starting with it. Matching is on folded
tokens (case and diacritics ignored), see ``framing_lexicon.phrase_lexicon``. For Ukrainian, Russian and Polish the
verb cues are stems, so one entry covers the past, passive and infinitive forms ("скасува*": скасував, скасувала,
скасували, скасувати); where a stem would also start common unrelated words, the forms are listed instead.

The classes (weights in ``claims.WEIGHTS``):

- ``attribution``: reporting verbs and source phrases, denials included ("said", "according to", "denied");
- ``causal``; ``comparison`` (comparatives, records, shares: "more than", "вперше", "połowa") and ``change``
  (verbs of change: "rose", "doubled", "знизилася", "wzrosła"), which share one weight;
- ``prediction``: forecast and plan verbs, which name who forecasts ("expects", "прогнозує", "planuje");
- ``future``: a bare future ("will", "буде", "będzie"), a check-worthy forecast only with a source;
- ``event``: verbs of things done or decided: actions, official and court decisions, votes, arrests, charges,
  resignations, cancellations ("signed", "vetoed", "ухвалив", "приговорил", "zawetował");
- ``hedge``, ``opinion`` (stance phrases, beliefs, advice modals), ``evaluation`` (judgement, emotion and mood
  words: "disgrace", "proud", "atmosphere", "ганьба", "позор", "hańba");
- ``first_person``: the writer's own voice ("I", "we", "мені", "nasz"); counted outside quotation marks only;
- ``promo``: calls to action, greetings and thanks to readers, copyright and other page furniture;
- ``imperative``: advice and call-to-action verbs, counted only as the sentence's first word ("Try", "Drink",
  "Pamiętaj"); Ukrainian and Russian plural imperatives are also recognised by their ending (``claims.py``);
- ``label``: page-furniture labels, counted only at the start of the sentence before ":" or "." ("Photo:",
  "Live:", "Оновлено о", "Relacja na żywo:");
- ``listicle``: nouns a listicle counts ("10 things", "5 способов", "Top 10 miejsc"), counted only right after a
  number or "top N" at the start.
"""

from __future__ import annotations

from functools import cache

from newsgraph.understand.framing_lexicon import Lexicon, phrase_lexicon

__all__ = ["CUES", "POSITIONAL", "cue_lexicon", "opening_lexicon", "listicle_lexicon"]

EN = {
    "attribution": ("said", "says", "say", "told", "according to", "stated", "claimed", "claims", "reported", "reports",
                    "announced", "noted", "added", "wrote", "writes", "confirmed", "admitted", "acknowledged",
                    "insisted", "warned", "point out", "pointed out", "testified", "revealed", "denied", "denies",
                    "deny", "refuted", "found", "show", "shows", "showed", "estimated", "estimates", "data from",
                    "figures from"),
    "causal": ("because", "due to", "as a result", "led to", "leads to", "lead to", "caused", "causing", "resulted in",
               "results in", "therefore", "thanks to", "owing to", "consequently", "triggered"),
    "prediction": ("expected", "expects", "expect", "forecast*", "predict*", "plans to", "plan to", "planned",
                   "is set to", "are set to", "intends to", "intend to", "projected", "projects"),
    "future": ("will", "won't", "going to", "next year", "next week", "next month"),
    "comparison": ("more than", "less than", "fewer than", "higher than", "lower than", "compared", "than", "largest",
                   "biggest", "highest", "lowest", "record", "twice", "below", "for the first time", "consecutive",
                   "half of", "a third of", "a quarter of", "most of", "majority"),
    "change": ("doubled", "tripled", "halved", "rose", "risen", "fell", "fallen", "increased", "decreased", "grew",
               "grown", "declined", "dropped", "jumped", "surged", "slumped", "plunged", "soared", "slowed", "exceeded",
               "raised", "lowered", "cut"),
    "event": ("arrived", "flew", "met", "signed", "killed", "attacked", "launched", "issued", "arrested", "visited",
              "declared", "approved", "rejected", "adopted", "invaded", "destroyed", "damaged", "captured", "released",
              "published", "imposed", "ratified", "traveled", "travelled", "elected", "resigned", "appointed", "banned",
              "sanctioned", "died", "struck", "shelled", "held", "fired", "won", "lost", "accused", "charged",
              "sentenced", "detained", "evacuated", "passed", "voted", "received", "returned", "ordered", "ruled",
              "cancelled", "canceled", "closed", "opened", "reopened", "withdrew", "withdrawn", "suspended", "extended",
              "vetoed", "blocked", "dismissed", "sacked", "seized", "confiscated", "convicted", "acquitted", "fined",
              "indicted", "sued", "filed", "introduced", "abolished", "repealed", "revoked", "transferred", "paid",
              "bought", "sold", "acquired", "shut", "injured", "wounded", "exploded", "collapsed", "crashed",
              "deployed", "retreated", "recaptured", "shot down", "downed", "intercepted", "hacked", "leaked", "raided",
              "froze", "frozen", "allocated", "granted", "awarded", "refused", "failed", "reached", "agreed",
              "submitted", "recorded", "discovered", "restored", "resumed", "halted", "stopped", "postponed", "delayed",
              "accepted", "stepped down", "pulled out", "took office", "hit", "verdict", "charges"),
    "hedge": ("may", "might", "perhaps", "possibly", "reportedly", "allegedly", "apparently", "unclear", "could",
              "seems", "rumor*", "rumour*", "likely", "probably"),
    "opinion": ("i think", "i believe", "in my opinion", "in my view", "we believe", "should", "must", "ought",
                "we need", "it is time", "let us", "let's", "frankly", "honestly", "to be honest", "it seems",
                "looks like", "surely", "of course", "believe", "believes", "thinks", "i'm sure", "i am sure",
                "no doubt", "unfortunately"),
    "evaluation": ("disgrace*", "shame", "shameful", "outrage", "outrageous", "unacceptable", "absurd", "proud",
                   "grateful", "wonderful", "terrible", "awful", "horrible", "ridiculous", "magical", "stunning",
                   "beautiful", "amazing", "incredible", "incredibly", "fantastic", "brilliant", "mood", "atmosphere",
                   "simply", "truly", "best ever"),
    "first_person": ("i", "i'm", "i've", "i'd", "me", "my", "we", "we're", "we've", "our"),
    "promo": ("subscribe", "read more", "read also", "see also", "follow us", "telegram", "viber", "sign up", "click",
              "scroll down", "do not fall for", "don't fall for", "don't miss", "newsletter", "other news",
              "share this", "happy birthday", "congratulations", "thank you for", "thanks for", "all rights reserved",
              "copyright", "support our", "donate", "in the comments", "tell us", "advertisement", "sponsored"),
    "imperative": ("try", "drink", "avoid", "remember", "make sure", "check out", "don't forget", "do not forget",
                   "watch", "listen", "read", "follow", "join", "share", "subscribe", "sign up", "click", "tap",
                   "download", "find out", "learn", "discover", "take", "keep", "stay", "book", "enjoy", "get", "see",
                   "look", "please", "leave", "order", "buy", "visit", "how to", "here is how", "here's how",
                   "here's what", "everything you need", "what to", "what we know"),
    "label": ("photo", "photos", "video", "live", "updated", "update", "read also", "see also", "related", "source",
              "advertisement", "sponsored", "credit", "illustration", "recipe", "gallery", "editor's note", "opinion",
              "analysis"),
    "listicle": ("things", "reasons", "ways", "tips", "facts", "places", "signs", "questions", "mistakes", "secrets",
                 "recipes", "books", "films", "movies", "series", "songs", "destinations", "tricks", "ideas", "habits",
                 "apps", "myths", "best", "most"),
}

UK = {
    "attribution": ("заяви*", "заявля*", "сказа*", "за словами", "за даними", "за інформацією", "за повідомленням",
                    "згідно з", "повідоми*", "повідомля*", "зазначи*", "зазнача*", "додав", "додала", "додали",
                    "додало", "пише", "написа*", "стверджу*", "підтверди*", "підтвердж*", "визнав", "визнала",
                    "визнали", "визнало", "наголоси*", "наголошу*", "попередив", "попередила", "попередили",
                    "попередило", "розповів", "розповіла", "розповіли", "розповіло", "заперечи*", "заперечу*",
                    "спростува*", "виявили", "встановили", "з'ясували", "свідчать", "показали", "зафіксува*",
                    "зафіксовано", "відзвітува*"),
    "causal": ("внаслідок", "унаслідок", "тому що", "оскільки", "призвело", "призвели", "призведе", "спричини*",
               "завдяки", "в результаті", "у результаті", "через це", "через те", "через що", "бо"),
    "prediction": ("очіку*", "прогноз*", "планує", "планують", "має намір", "мають намір", "збирається", "збираються",
                   "розраховує", "розраховують"),
    "future": ("буде", "будуть", "найближчим часом", "наступного року", "наступного тижня", "наступного місяця"),
    "comparison": ("більше ніж", "більш ніж", "менше ніж", "понад", "порівняно", "найбільш*", "найвищ*", "найнижч*",
                   "найменш*", "рекорд*", "удвічі", "вдвічі", "ніж", "вперше", "уперше", "менш* за", "більш* за",
                   "вищ* за", "нижч* за", "половин*", "більшість"),
    "change": ("зріс", "зросла", "зросли", "зросло", "зросте", "зростуть", "зроста*", "знизи*", "знизя*", "зменши*",
               "зменшу*", "збільши*", "збільшу*", "скороти*", "скоротя*", "впав", "впала", "впали", "впало", "подвої*",
               "потрої*", "перевищи*", "перевищу*", "сповільни*", "прискори*", "подорожча*", "подешевша*", "підвищи*",
               "підвищу*"),
    "event": ("прибу*", "прилетів", "прилетіла", "прилетіли", "зустрівся", "зустрілася", "зустрілися", "підписа*",
              "загину*", "загинув", "загинули", "вбив*", "атакува*", "запусти*", "видав", "видала", "видали", "видало",
              "оголоси*", "заарешту*", "затрима*", "відвіда*", "ухвали*", "відхили*", "знищи*", "знищено", "пошкодж*",
              "пошкоди*", "обстріля*", "захопи*", "звільни*", "опублікува*", "запровади*", "ратифікува*", "вирушив",
              "поїхав", "обра*", "призначи*", "заборони*", "провів", "провела", "провели", "провело", "отримав",
              "отримала", "отримали", "отримало", "проголосува*", "скасува*", "скасову*", "продовжи*", "залиши*",
              "закри*", "відкри*", "віднови*", "відновл*", "виділи*", "вийшов", "вийшла", "вийшли", "вийшло",
              "відійшли", "відійшов", "відступи*", "поверну*", "повернув*", "засуди*", "засудж*", "звинува*",
              "обвинува*", "підозр*", "оштрафува*", "конфіскува*", "зупини*", "призупини*", "відклав", "відклала",
              "відклали", "відклало", "збили", "збито", "збив", "вилучи*", "експортува*", "імпортува*", "продав",
              "продала", "продали", "продало", "придба*", "підпали*", "поран*", "вибух*", "евакуюва*", "евакуйова*",
              "ветува*", "вето", "відставк*", "вручи*", "присуди*", "нагороди*", "вигра*", "програ*", "заблокува*",
              "відмови*", "відмовил*", "вирок*", "постанови*", "затверди*", "дозволи*", "запрацюва*", "перерахува*",
              "стягну*", "депортува*", "ліквідува*", "розірва*", "виплати*", "подав", "подала", "подали", "подало"),
    "hedge": ("можливо", "ймовірно", "імовірно", "нібито", "начебто", "мабуть", "може", "могли", "чутки"),
    "opinion": ("на мою думку", "на наш погляд", "вважаю", "вважа*", "мені здається", "здається", "якщо чесно",
                "чесно кажучи", "звісно", "безумовно", "варто", "слід", "треба", "має бути", "мусимо", "потрібно",
                "на жаль"),
    "evaluation": ("ганьб*", "ганебн*", "сором*", "обур*", "жахлив*", "чудов*", "прекрасн*", "неймовірн*", "чарівн*",
                   "дивовижн*", "пишає*", "пишаємо*", "вдячн*", "неприпустим*", "абсурд*", "настрій", "настрої",
                   "атмосфер*", "просто", "красив*", "найкращ*", "найгірш*"),
    "first_person": ("я", "мені", "мене", "мій", "моя", "моє", "мої", "ми", "нам", "нас", "наш", "наша", "наше", "наші",
                     "нашого", "нашої", "нашим", "нашу", "наших"),
    "promo": ("підписуйтесь", "підписуйтеся", "підписатися", "підпишіться", "читайте також", "читайте більше",
              "telegram", "телеграм", "viber", "не ведіться", "переходьте", "інші новини", "вітаємо", "щиро вітаємо",
              "дякуємо", "підтримайте", "донат*", "усі права захищено", "всі права захищено", "у коментарях",
              "в коментарях", "реклама"),
    "imperative": ("що відомо", "дізнайтеся", "дізнайся"),
    "label": ("фото", "відео", "оновлено", "читайте також", "пряма трансляція", "трансляція", "онлайн", "наживо",
              "реклама", "джерело", "ілюстрація", "рецепт", "дивіться", "коментар", "думка"),
    "listicle": ("речей", "причин", "способ*", "порад*", "фактів", "місць", "міст", "питань", "помилок", "секрет*",
                 "рецепт*", "книж*", "фільм*", "серіал*", "ідей", "лайфхак*", "найкращ*"),
}

RU = {
    "attribution": ("заяви*", "заявля*", "сказа*", "по словам", "по данным", "по информации", "по сообщению",
                    "по сообщениям", "согласно", "сообщи*", "сообща*", "отмети*", "отмеча*", "добавил", "добавила",
                    "добавили", "добавило", "пишет", "написа*", "утвержда*", "подтверди*", "подтвержда*", "признал",
                    "признала", "признали", "признало", "подчеркну*", "предупреди*", "рассказа*", "опроверг*",
                    "отрица*", "выяснил*", "установил*", "зафиксирова*", "отчита*", "свидетельству*", "показали"),
    "causal": ("из-за", "в результате", "потому что", "поскольку", "привел*", "привело", "вызвал*", "благодаря",
               "вследствие", "так как", "поэтому"),
    "prediction": ("ожида*", "прогноз*", "планиру*", "намерен*", "собирается", "собираются", "рассчитыва*"),
    "future": ("будет", "будут", "в ближайшее время", "в следующем году", "на следующей неделе"),
    "comparison": ("больше чем", "более", "менее", "по сравнению", "крупнейш*", "самый", "самых", "рекорд*", "вдвое",
                   "в два раза", "в три раза", "в несколько раз", "чем", "впервые", "половин*", "большинство"),
    "change": ("вырос*", "выросл*", "вырастет", "растет", "растут", "снизи*", "снижа*", "сократи*", "сокраща*",
               "увеличи*", "увеличива*", "уменьши*", "упал*", "удвои*", "утрои*", "превыси*", "превыша*", "замедли*",
               "ускори*", "подорожа*", "подешеве*", "повыси*", "повыша*", "понизи*"),
    "event": ("прибыл*", "прилетел*", "встретился", "встретились", "подписал*", "погиб*", "убит*", "убил*", "атаковал*",
              "запустил*", "выдал", "выдала", "выдали", "выдало", "объявил*", "арестова*", "задержа*", "посетил*",
              "одобрил*", "отклонил*", "уничтожил*", "уничтожен*", "поврежд*", "обстреля*", "захватил*", "освободил*",
              "опубликова*", "ввел", "ввели", "ввела", "ввело", "ратифицирова*", "избран*", "назначил*", "запретил*",
              "провел", "провела", "провели", "провело", "получил*", "проголосова*", "отмени*", "отменя*", "продлил*",
              "оставил*", "закрыл*", "закрыт*", "открыл*", "восстанови*", "восстановл*", "выделил*", "вышел", "вышла",
              "вышли", "вышло", "отступил*", "вернул*", "приговори*", "приговор*", "осужд*", "осуди*", "обвини*",
              "обвинени*", "оштрафова*", "конфискова*", "остановил*", "приостанови*", "отложил*", "перенесл*", "сбит*",
              "сбил*", "изъял*", "изъят*", "продал*", "купил*", "приобрел*", "поджег*", "подожгл*", "ранен*", "ранил*",
              "взрыв*", "эвакуирова*", "ветирова*", "вето", "отставк*", "уволил*", "уволен*", "вручил*", "присудил*",
              "наградил*", "выиграл*", "проиграл*", "победил*", "заблокирова*", "отказал*", "потребовал*", "принял*",
              "принят*", "утвердил*", "утвержден*", "допустил*", "ограничил*", "ограничен*", "разрешил*", "внесл*",
              "внес", "внесен*", "постановил*", "депортирова*", "ликвидирова*", "выплатил*"),
    "hedge": ("возможно", "вероятно", "якобы", "по-видимому", "может", "могли", "слухи", "предположительно"),
    "opinion": ("на мой взгляд", "по-моему", "считаю", "счита*", "мне кажется", "кажется", "честно говоря", "конечно",
                "разумеется", "следует", "нужно", "надо", "должны", "стоит ли", "уверен*", "к сожалению"),
    "evaluation": ("позор*", "стыд*", "возмути*", "возмущ*", "ужасн*", "прекрасн*", "замечательн*", "потрясающ*",
                   "невероятн*", "чудесн*", "горжусь", "гордимся", "благодарн*", "недопустим*", "абсурд*", "настроени*",
                   "атмосфер*", "просто", "лучш*", "худш*", "красив*"),
    "first_person": ("я", "мне", "меня", "мой", "моя", "мое", "мои", "мы", "нам", "нас", "наш", "наша", "наше", "наши",
                     "нашего", "нашей", "нашим", "нашу", "наших"),
    "promo": ("подписывайтесь", "подпишитесь", "читайте также", "telegram", "телеграм", "viber", "переходите",
              "другие новости", "поздравляем", "благодарим", "спасибо", "поддержите", "донат*", "все права защищены",
              "в комментариях", "оставляйте", "реклама"),
    "imperative": ("что известно", "узнайте", "узнай"),
    "label": ("фото", "видео", "обновлено", "обновлен", "материал обновлен", "читайте также", "прямая трансляция",
              "трансляция", "онлайн", "реклама", "источник", "иллюстрация", "рецепт", "смотрите", "мнение"),
    "listicle": ("вещей", "причин", "способ*", "совет*", "фактов", "мест", "городов", "вопросов", "ошибок", "секрет*",
                 "рецепт*", "книг", "фильм*", "сериал*", "идей", "лайфхак*", "лучш*"),
}

PL = {
    "attribution": ("powiedzia*", "według", "poinformowa*", "informuje", "podał", "podała", "podali", "podało",
                    "przekaza*", "stwierdzi*", "dodał", "dodała", "dodali", "dodało", "napisa*", "pisze", "twierdz*",
                    "oświadczy*", "potwierdzi*", "przyznał", "przyznała", "przyznali", "przyznało", "podkreśli*",
                    "ostrzeg*", "zapowiedzia*", "zaprzeczy*", "zdementowa*", "ustali*", "wynika z", "jak podaje",
                    "jak informuje", "odnotowa*", "wykazał*", "wykazuje"),
    "causal": ("ponieważ", "z powodu", "w wyniku", "wskutek", "doprowadził*", "spowodował*", "dzięki", "przez co",
               "dlatego", "w efekcie", "bo"),
    "prediction": ("oczekuje się", "spodziewa się", "spodziewają się", "prognoz*", "planuje", "planują", "zamierza*",
                   "ma zamiar", "przewiduje", "przewidują"),
    "future": ("będzie", "będą", "w przyszłym roku", "w przyszłym tygodniu", "w przyszłym miesiącu"),
    "comparison": ("więcej niż", "mniej niż", "ponad", "w porównaniu", "największ*", "najwyższ*", "najniższ*",
                   "rekord*", "dwukrotnie", "niż", "po raz pierwszy", "połow*", "większość"),
    "change": ("wzrosł*", "wzrośnie", "wzrosn*", "rośnie", "spadł*", "spadnie", "obniży*", "obniża*", "podwyższy*",
               "podniósł", "podniosła", "podnieśli", "zwiększy*", "zwiększa*", "zmniejszy*", "zmniejsza*", "podwoi*",
               "potroi*", "przekroczy*", "przekracza*", "spowolni*", "przyspieszy*", "zdrożał*", "potaniał*"),
    "event": ("przyby*", "przyleciał*", "spotkał*", "podpisał*", "zginął", "zginęło", "zginęli", "zabił*",
              "zaatakował*", "wystrzelił*", "wydał", "wydała", "wydali", "wydało", "ogłosił*", "aresztował*",
              "zatrzyma*", "odwiedził*", "zatwierdzi*", "odrzucił*", "zniszczył*", "zniszczon*", "uszkodz*",
              "ostrzelał*", "zdobył*", "uwolnił*", "opublikował*", "wprowadził*", "ratyfikował*", "wybran*",
              "mianował*", "zakazał*", "przeprowadził*", "otrzymał*", "zagłosował*", "uchwali*", "cofnął", "cofnęła",
              "cofnęli", "cofnęło", "zawetowa*", "weto", "zarzut*", "odwoła*", "przedłuży*", "pozostawi*", "zamknął",
              "zamknęła", "zamknęli", "zamknęło", "zamknięt*", "otworzy*", "przywróci*", "wznowi*", "przydzieli*",
              "wycofa*", "skaza*", "uniewinni*", "ukara*", "oskarży*", "skonfiskowa*", "wstrzyma*", "zawiesi*",
              "przełoży*", "zestrzeli*", "przejął", "przejęła", "przejęli", "przejęło", "sprzedał*", "kupił*",
              "podpali*", "ranni", "rannych", "ranny", "wybuch*", "ewakuowa*", "zwolni*", "dymisj*", "odebrał*",
              "wręczy*", "nagrodzi*", "wygrał*", "przegrał*", "pokonał*", "zablokowa*", "odmówi*", "zażąda*", "przyjął",
              "przyjęła", "przyjęli", "przyjęło", "przyjęt*", "uznał", "uznała", "uznali", "uznało", "orzek*",
              "orzecz*", "wyrok*", "narusz*", "deportowa*", "zlikwidowa*", "wypłaci*", "złożył*"),
    "hedge": ("może", "możliwe", "prawdopodobnie", "rzekomo", "podobno", "chyba", "plotki"),
    "opinion": ("moim zdaniem", "uważam", "uważa*", "sądzę", "sądzi*", "wydaje się", "wydaje mi się", "szczerze",
                "oczywiście", "należy", "trzeba", "powinn*", "powinien", "musimy", "niestety"),
    "evaluation": ("hańb*", "wstyd*", "oburz*", "okropn*", "straszn*", "wspaniał*", "świetn*", "fantastyczn*",
                   "niesamowit*", "magiczn*", "piękn*", "dumn*", "wdzięczn*", "niedopuszczaln*", "absurd*", "nastroj*",
                   "nastrój", "atmosfer*", "po prostu", "najlepsz*", "najgorsz*", "skandal"),
    "first_person": ("ja", "mnie", "mi", "mój", "moja", "moje", "moim", "jestem", "my", "nam", "nas", "nasz", "nasza",
                     "nasze", "naszego", "naszej", "naszym", "naszych", "naszą", "jesteśmy"),
    "promo": ("subskrybuj", "czytaj też", "czytaj także", "czytaj więcej", "zapisz się", "obserwuj", "telegram",
              "inne wiadomości", "wszystkiego najlepszego", "gratulujemy", "dziękujemy", "wesprzyj",
              "wszelkie prawa zastrzeżone", "w komentarzach", "newsletter*", "reklama", "nie przegap"),
    "imperative": ("co wiemy", "pamiętaj", "pamiętajcie", "sprawdź", "zobacz", "obserwuj", "udostępnij", "zapisz",
                   "kliknij", "czytaj", "posłuchaj", "dołącz", "wesprzyj", "pij", "unikaj", "nie przegap",
                   "nie zapomnij", "weź", "zadbaj", "przeczytaj", "pobierz", "zamów", "dowiedz się", "odwiedź",
                   "spróbuj"),
    "label": ("fot", "foto", "zdjęcie", "zdjęcia", "wideo", "video", "aktualizacja", "czytaj także", "czytaj też",
              "relacja na żywo", "na żywo", "relacja", "reklama", "źródło", "ilustracja", "przepis", "opinia",
              "komentarz"),
    "listicle": ("rzeczy", "powodów", "sposob*", "porad", "faktów", "miejsc", "miast", "pytań", "błędów", "sekret*",
                 "przepis*", "książ*", "film*", "seriali", "pomysłów", "najlepsz*"),
}

CUES = {"en": EN, "uk": UK, "ru": RU, "pl": PL}


#: Classes that count only at a given place in the sentence (``claims.py``), matched by their own lexicons.
POSITIONAL = ("imperative", "label", "listicle")


def _tables(lang: str | None, classes) -> dict[str, tuple[str, ...]]:
    return {name: phrases for name, phrases in CUES.get(lang or "en", EN).items() if classes(name)}


@cache
def cue_lexicon(lang: str | None) -> Lexicon:
    """Cue matcher for ``lang`` (classes counted anywhere in the sentence); English cues for languages without their
    own list (numbers still count)."""
    return phrase_lexicon(_tables(lang, lambda name: name not in POSITIONAL))


@cache
def opening_lexicon(lang: str | None) -> Lexicon:
    """Imperatives and page-furniture labels: ``claims.py`` counts their hits on the sentence's first word only."""
    return phrase_lexicon(_tables(lang, lambda name: name in ("imperative", "label")))


@cache
def listicle_lexicon(lang: str | None) -> Lexicon:
    """Nouns a listicle counts ("10 things"): ``claims.py`` counts them right after an opening number only."""
    return phrase_lexicon(_tables(lang, lambda name: name == "listicle"))
