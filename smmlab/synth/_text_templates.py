"""Word lists and templates for :func:`smmlab.synth.texts.make_mention_texts`: data only, no code.

Every template carries the human label (``sentiment``, the truth) and the label a keyword-based
listening tool gives it (``tool``). A template whose two labels differ is *tricky*; its ``kind``
says why the tool gets it wrong:

- ``"sarcasm"``: praise words used to complain ("Fantastico, terzo ordine in ritardo"),
  tool positive, human negative;
- ``"mixed"``: one praise word and one complaint word cancel out, tool neutral;
- ``"negation"``: a negative word that is negated ("not bad at all"), tool negative, human
  positive;
- ``"slang"``: a negative word used as praise ("è da paura", "this is sick");
- ``"question"``: a question that mentions a problem without having one, tool negative, human
  neutral;
- ``"keyword trap"``: a news-like mention with a negative word that is not about the brand.

Slots, filled by the generator: ``{brand}`` (the brand name), ``{handle}`` (the brand's
@handle) and ``{product}`` (a product of the brand's industry, from :data:`PRODUCTS`).

Adding a language (French is next) means adding its code to :data:`LANGUAGES`, a column to every
list in :data:`PRODUCTS`, and an entry to :data:`TEMPLATES`, :data:`HASHTAGS` and
:data:`LANGUAGE_SHARES`. Every (language, topic, sentiment) group of :data:`TEMPLATES` needs at
least one template the tool gets right and one it gets wrong.

Rules for the Italian templates: every Italian product carries its article and is masculine
singular ("il siero viso", "l'abbonamento", "lo zaino"), so templates use ``{product}`` only as
subject or object, never after a preposition that merges with the article ("di", "a", "da",
"in", "su"). English products carry no article and are singular; templates put "the", "my" or
"your" before them, never "a".
"""

from __future__ import annotations

from typing import NamedTuple

#: Languages of the texts, in the order of the ``language`` categorical.
LANGUAGES: tuple[str, ...] = ("it", "en")

#: Share of texts in each language.
LANGUAGE_SHARES: dict[str, float] = {"it": 0.6, "en": 0.4}

#: Mention topics, in the order of the ``topic`` categorical.
TOPICS: tuple[str, ...] = (
    "delivery",
    "product quality",
    "customer service",
    "price",
    "website",
    "praise",
    "question",
    "other",
)

#: Topics a complaint (and so a crisis) can be about.
COMPLAINT_TOPICS: tuple[str, ...] = TOPICS[:5]

#: Sentiment labels, in the order of the ordered ``sentiment`` categoricals.
SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")


class Template(NamedTuple):
    """One mention template: what it is about, its two labels and its text."""

    topic: str
    sentiment: str
    tool: str
    kind: str
    text: str


#: Products per industry (keys of :data:`smmlab.synth.brand.INDUSTRIES`): one tuple per product,
#: one entry per language in the order of :data:`LANGUAGES`.
PRODUCTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "specialty coffee": (
        ("il caffè in grani", "whole-bean coffee"),
        ("l'espresso della casa", "house espresso"),
        ("il kit cold brew", "cold brew kit"),
        ("il decaffeinato", "decaf blend"),
        ("il macinato per moka", "moka grind"),
        ("l'abbonamento mensile", "monthly subscription"),
    ),
    "sustainable fashion": (
        ("il maglione in lana riciclata", "recycled wool sweater"),
        ("il cappotto", "coat"),
        ("il vestito in lino", "linen dress"),
        ("lo zaino in tela", "canvas backpack"),
        ("il giubbotto in denim", "denim jacket"),
        ("il costume riciclato", "recycled swimsuit"),
    ),
    "cycling gear": (
        ("il casco", "helmet"),
        ("il completo da bici", "cycling kit"),
        ("il giubbino antivento", "wind jacket"),
        ("il fanale posteriore", "rear light"),
        ("lo zaino idrico", "hydration pack"),
        ("il paio di guanti invernali", "pair of winter gloves"),
    ),
    "natural skincare": (
        ("il siero viso", "face serum"),
        ("il balsamo labbra", "lip balm"),
        ("il detergente", "cleanser"),
        ("lo scrub al caffè", "coffee scrub"),
        ("l'olio struccante", "cleansing oil"),
        ("il kit viaggio", "travel kit"),
    ),
    "artisan bakery": (
        ("il panettone", "panettone"),
        ("il pane ai cereali", "multigrain loaf"),
        ("il box di biscotti", "cookie box"),
        ("il lievito madre", "sourdough starter"),
        ("il pandoro", "pandoro"),
        ("il cesto colazione", "breakfast hamper"),
    ),
    "pet food": (
        ("il sacco di crocchette", "bag of kibble"),
        ("l'umido per gatti", "wet cat food"),
        ("lo snack per cani", "dog treat pack"),
        ("il mangime per cuccioli", "puppy food"),
        ("il cibo senza cereali", "grain-free food"),
        ("l'abbonamento mensile", "monthly subscription"),
    ),
    "board games": (
        ("il gioco da tavolo", "board game"),
        ("il pacchetto espansione", "expansion pack"),
        ("il party game", "party game"),
        ("il set di dadi", "dice set"),
        ("il gioco cooperativo", "co-op game"),
        ("il gioco di ruolo", "role-playing game"),
    ),
}

#: Industry hashtags, shared by all languages (the brand's own hashtag is added by the generator).
HASHTAGS: dict[str, tuple[str, ...]] = {
    "specialty coffee": ("#specialtycoffee", "#caffè", "#coffeelover"),
    "sustainable fashion": ("#slowfashion", "#modasostenibile", "#sustainablestyle"),
    "cycling gear": ("#cycling", "#ciclismo", "#bikelife"),
    "natural skincare": ("#skincare", "#cosmesinaturale", "#cleanbeauty"),
    "artisan bakery": ("#bakery", "#lievitomadre", "#panificio"),
    "pet food": ("#petfood", "#cani", "#gatti"),
    "board games": ("#boardgames", "#giochidatavolo", "#tabletop"),
}

#: Emoji that may close a text, by its human sentiment.
EMOJI: dict[str, tuple[str, ...]] = {
    "negative": ("😡", "😤", "🙄", "👎", "😒"),
    "neutral": ("🤔", "👀", "🙂"),
    "positive": ("😍", "❤️", "🙌", "✨", "👏"),
}

_DEL, _PQ, _CS, _PR, _WEB = COMPLAINT_TOPICS
_NEG, _NEU, _POS = SENTIMENTS

TEMPLATES: dict[str, tuple[Template, ...]] = {
    "it": (
        # delivery, negative
        Template(
            _DEL,
            _NEG,
            _NEG,
            "plain",
            "Ordine fermo da dieci giorni, nessuna notizia dal corriere. Pessimo servizio {brand}",
        ),
        Template(
            _DEL,
            _NEG,
            _NEG,
            "plain",
            "Ho ordinato {product} due settimane fa e non è ancora arrivato. Che delusione {brand}",
        ),
        Template(
            _DEL,
            _NEG,
            _NEG,
            "plain",
            "Spedizione lentissima, {product} consegnato con una settimana di ritardo",
        ),
        Template(_DEL, _NEG, _NEG, "plain", "Pacco di {brand} arrivato in ritardo e distrutto"),
        Template(
            _DEL, _NEG, _POS, "sarcasm", "Fantastico, terzo ordine in ritardo 🙃 grazie {brand}"
        ),
        Template(
            _DEL,
            _NEG,
            _POS,
            "sarcasm",
            "Bravissimi {brand}, consegna promessa per lunedì e arrivata venerdì. "
            "Complimenti davvero 👏",
        ),
        Template(
            _DEL,
            _NEG,
            _NEU,
            "mixed",
            "Adoro {brand} ma la consegna ci ha messo tre settimane, non riordino",
        ),
        # product quality, negative
        Template(_PQ, _NEG, _NEG, "plain", "{brand} che delusione: {product} è arrivato rovinato"),
        Template(
            _PQ,
            _NEG,
            _NEG,
            "plain",
            "Qualità peggiorata tantissimo, {product} di {brand} non è più quello di una volta",
        ),
        Template(
            _PQ,
            _NEG,
            _NEG,
            "plain",
            "Ho provato {product} di {brand}: scadente, sembra una copia economica",
        ),
        Template(
            _PQ,
            _NEG,
            _POS,
            "sarcasm",
            "Wow, {product} da buttare dopo due giorni. Qualità eccezionale, proprio 🙃",
        ),
        Template(
            _PQ,
            _NEG,
            _NEU,
            "mixed",
            "Bella confezione, ma {product} lascia molto a desiderare. Peccato {brand}",
        ),
        # customer service, negative
        Template(
            _CS,
            _NEG,
            _NEG,
            "plain",
            "Scritto tre volte all'assistenza di {brand}, zero risposte. Vergognoso",
        ),
        Template(
            _CS,
            _NEG,
            _NEG,
            "plain",
            "Servizio clienti di {brand} inesistente, chat chiusa e mail senza risposta",
        ),
        Template(
            _CS, _NEG, _NEG, "plain", "Operatore maleducato al telefono, non compro più da {brand}"
        ),
        Template(
            _CS,
            _NEG,
            _POS,
            "sarcasm",
            "Adoro passare 40 minuti in attesa con l'assistenza di {brand}. "
            "Il mio hobby preferito 🙃",
        ),
        Template(
            _CS,
            _NEG,
            _POS,
            "sarcasm",
            "Grazie mille {handle} per avermi risposto dopo solo tre settimane, velocissimi 👏",
        ),
        Template(
            _CS, _NEG, _NEU, "mixed", "Prodotti buoni, ma l'assistenza di {brand} è un disastro"
        ),
        # price, negative
        Template(
            _PR,
            _NEG,
            _NEG,
            "plain",
            "Troppo caro {product} di {brand}, prezzi aumentati del 20% in un mese",
        ),
        Template(
            _PR,
            _NEG,
            _NEG,
            "plain",
            "Spese di spedizione assurde, {brand} mi ha fatto passare la voglia",
        ),
        Template(
            _PR,
            _NEG,
            _NEG,
            "plain",
            "{brand} ha alzato di nuovo i prezzi. Costa troppo, passo alla concorrenza",
        ),
        Template(
            _PR,
            _NEG,
            _POS,
            "sarcasm",
            "Ottimo, altro aumento di prezzo da {brand}. Proprio quello che serviva 🙃",
        ),
        Template(
            _PR, _NEG, _NEU, "mixed", "Mi piace {product}, ma a questo prezzo non lo ricompro"
        ),
        # website, negative
        Template(
            _WEB,
            _NEG,
            _NEG,
            "plain",
            "Sito di {brand} in errore da stamattina, impossibile completare l'ordine",
        ),
        Template(
            _WEB,
            _NEG,
            _NEG,
            "plain",
            "Il checkout di {brand} non funziona, carrello svuotato due volte",
        ),
        Template(
            _WEB,
            _NEG,
            _NEG,
            "plain",
            "App di {brand} lentissima e piena di bug, pessima esperienza",
        ),
        Template(
            _WEB,
            _NEG,
            _POS,
            "sarcasm",
            "Perfetto, il sito di {brand} è di nuovo giù. Bellissimo fare acquisti così 🙃",
        ),
        Template(
            _WEB, _NEG, _NEU, "mixed", "Bei prodotti, ma il sito di {brand} è un incubo da usare"
        ),
        # praise, positive
        Template("praise", _POS, _POS, "plain", "Innamorata di {brand}, ogni ordine è una coccola"),
        Template(
            "praise",
            _POS,
            _POS,
            "plain",
            "Grazie {handle}, servizio impeccabile e confezione bellissima",
        ),
        Template(
            "praise",
            _POS,
            _POS,
            "plain",
            "Ordine arrivato in due giorni, tutto perfetto. Bravi {brand}!",
        ),
        Template(
            "praise",
            _POS,
            _POS,
            "plain",
            "Ho regalato {product} di {brand} a mia sorella: entusiasta!",
        ),
        Template(
            "praise", _POS, _NEG, "negation", "Niente male {product} di {brand}, mi ha sorpreso"
        ),
        Template(
            "praise", _POS, _NEG, "negation", "{brand} non mi ha mai deluso, neanche questa volta"
        ),
        Template("praise", _POS, _NEG, "slang", "Ragazzi, {product} di {brand} è da paura 🔥"),
        # product quality, positive
        Template(
            _PQ,
            _POS,
            _POS,
            "plain",
            "Qualità altissima, {product} di {brand} è il migliore che abbia mai provato",
        ),
        Template(
            _PQ, _POS, _POS, "plain", "{brand} ha migliorato tantissimo {product}, ottimo lavoro"
        ),
        Template(
            _PQ,
            _POS,
            _POS,
            "plain",
            "Ho provato {product}: eccellente, si vede la cura nei dettagli",
        ),
        Template(
            _PQ,
            _POS,
            _NEG,
            "negation",
            "Zero difetti e nessun problema dopo mesi: {product} di {brand} regge alla grande",
        ),
        Template(
            _PQ,
            _POS,
            _NEU,
            "mixed",
            "Spedizione un po' lenta, ma {product} è ottimo. Ne valeva la pena",
        ),
        # question, neutral
        Template(
            "question", _NEU, _NEU, "plain", "Qualcuno ha provato {product} di {brand}? Com'è?"
        ),
        Template("question", _NEU, _NEU, "plain", "{handle} spedite anche in Svizzera?"),
        Template(
            "question",
            _NEU,
            _NEU,
            "plain",
            "Domanda per {brand}: {product} si trova anche nei negozi?",
        ),
        Template(
            "question", _NEU, _NEU, "plain", "A che ora chiude il negozio di {brand} il sabato?"
        ),
        Template(
            "question",
            _NEU,
            _NEG,
            "question",
            "Cosa succede se il pacco arriva danneggiato? Chiedo prima di ordinare da {brand}",
        ),
        Template(
            "question",
            _NEU,
            _NEG,
            "question",
            "Come funziona il reso se ordino il prodotto sbagliato, {brand}?",
        ),
        # other, neutral
        Template(
            "other", _NEU, _NEU, "plain", "Visto lo stand di {brand} alla fiera di Milano oggi"
        ),
        Template("other", _NEU, _NEU, "plain", "{brand} ha appena pubblicato il nuovo catalogo"),
        Template(
            "other",
            _NEU,
            _NEU,
            "plain",
            "Nuova collaborazione tra {brand} e un creator milanese, vediamo",
        ),
        Template(
            "other",
            _NEU,
            _NEG,
            "keyword trap",
            "Al TG parlavano della crisi del settore, intervistato anche il fondatore di {brand}",
        ),
        Template(
            "other",
            _NEU,
            _NEG,
            "keyword trap",
            "Articolo sugli errori da evitare quando si sceglie {product}: citano anche {brand}",
        ),
    ),
    "en": (
        # delivery, negative
        Template(
            _DEL,
            _NEG,
            _NEG,
            "plain",
            "Ordered from {brand} two weeks ago and still nothing. Terrible service",
        ),
        Template(
            _DEL,
            _NEG,
            _NEG,
            "plain",
            "{brand} shipping is so slow, my {product} arrived a week late",
        ),
        Template(
            _DEL, _NEG, _NEG, "plain", "Courier lost my {brand} package, no updates at all. Awful"
        ),
        Template(
            _DEL, _NEG, _NEG, "plain", "Third time my {brand} order shows up late and damaged"
        ),
        Template(_DEL, _NEG, _POS, "sarcasm", "Great, my order is late AGAIN, love it {handle} 🙃"),
        Template(
            _DEL,
            _NEG,
            _POS,
            "sarcasm",
            "Wow {brand}, three weeks for one {product}. Amazing delivery speed 👏",
        ),
        Template(
            _DEL,
            _NEG,
            _NEU,
            "mixed",
            "Love {brand} but the delivery took forever, not ordering again",
        ),
        # product quality, negative
        Template(
            _PQ,
            _NEG,
            _NEG,
            "plain",
            "My {product} from {brand} arrived damaged. Really disappointed",
        ),
        Template(
            _PQ,
            _NEG,
            _NEG,
            "plain",
            "Quality of the {brand} {product} has gone way down, feels cheap now",
        ),
        Template(
            _PQ,
            _NEG,
            _NEG,
            "plain",
            "The {product} was useless after two weeks. Poor quality {brand}",
        ),
        Template(
            _PQ,
            _NEG,
            _POS,
            "sarcasm",
            "Oh perfect, my brand new {product} is already ruined. Top quality {brand} 🙃",
        ),
        Template(
            _PQ, _NEG, _NEU, "mixed", "Nice packaging, but the {product} itself was a letdown"
        ),
        # customer service, negative
        Template(
            _CS,
            _NEG,
            _NEG,
            "plain",
            "Emailed {brand} support three times, zero replies. Unacceptable",
        ),
        Template(_CS, _NEG, _NEG, "plain", "{brand} customer service is rude and useless"),
        Template(_CS, _NEG, _NEG, "plain", "On hold with {brand} for an hour. Worst support ever"),
        Template(
            _CS,
            _NEG,
            _POS,
            "sarcasm",
            "Thanks so much {handle} for replying after only three weeks, super helpful 👏",
        ),
        Template(
            _CS,
            _NEG,
            _POS,
            "sarcasm",
            "Love spending my lunch break on hold with {brand}. Best hobby ever 🙃",
        ),
        Template(_CS, _NEG, _NEU, "mixed", "Good products, but {brand} support is a disaster"),
        # price, negative
        Template(_PR, _NEG, _NEG, "plain", "{brand} raised prices again? Way too expensive now"),
        Template(
            _PR,
            _NEG,
            _NEG,
            "plain",
            "Shipping costs almost as much as the {product}. Ridiculous, {brand}",
        ),
        Template(
            _PR,
            _NEG,
            _NEG,
            "plain",
            "Sorry {brand}, the {product} is overpriced. Switching to a cheaper shop",
        ),
        Template(
            _PR,
            _NEG,
            _POS,
            "sarcasm",
            "Awesome, another price hike from {brand}. Just what I needed 🙃",
        ),
        Template(
            _PR, _NEG, _NEU, "mixed", "I like the {product}, but at this price I won't buy it again"
        ),
        # website, negative
        Template(
            _WEB,
            _NEG,
            _NEG,
            "plain",
            "{brand} website keeps crashing at checkout, can't place my order",
        ),
        Template(
            _WEB,
            _NEG,
            _NEG,
            "plain",
            "The {brand} app is slow and full of bugs. Horrible experience",
        ),
        Template(
            _WEB, _NEG, _NEG, "plain", "Cart emptied twice on the {brand} site. So frustrating"
        ),
        Template(
            _WEB,
            _NEG,
            _POS,
            "sarcasm",
            "Brilliant, the {brand} site is down again. Shopping has never been this fun 🙃",
        ),
        Template(
            _WEB,
            _NEG,
            _NEU,
            "mixed",
            "Great products, but the {brand} website is a nightmare to use",
        ),
        # praise, positive
        Template("praise", _POS, _POS, "plain", "Obsessed with my new {product} from {brand}"),
        Template(
            "praise",
            _POS,
            _POS,
            "plain",
            "Order arrived in two days, everything perfect. Thank you {handle}!",
        ),
        Template(
            "praise",
            _POS,
            _POS,
            "plain",
            "Gave the {brand} {product} to my sister as a gift and she loved it",
        ),
        Template("praise", _POS, _POS, "plain", "Best purchase this year, {brand} you rock"),
        Template("praise", _POS, _NEG, "negation", "Not bad at all, {brand}. Not bad at all"),
        Template("praise", _POS, _NEG, "negation", "Never disappointed by {brand}, not even once"),
        Template("praise", _POS, _NEG, "slang", "This {product} from {brand} is sick 🔥"),
        # product quality, positive
        Template(
            _PQ,
            _POS,
            _POS,
            "plain",
            "The {product} from {brand} is excellent quality, you can tell",
        ),
        Template(
            _PQ, _POS, _POS, "plain", "Honestly the best {product} I have tried. Well done {brand}"
        ),
        Template(
            _PQ,
            _POS,
            _POS,
            "plain",
            "Amazing quality, my {brand} {product} still feels new after months",
        ),
        Template(
            _PQ,
            _POS,
            _NEG,
            "negation",
            "No complaints and zero problems after months with my {product}. Solid work {brand}",
        ),
        Template(_PQ, _POS, _NEG, "slang", "The {brand} {product} is stupidly good"),
        Template(
            _PQ,
            _POS,
            _NEU,
            "mixed",
            "Shipping was slow, but the {product} is great. Worth the wait",
        ),
        # question, neutral
        Template(
            "question",
            _NEU,
            _NEU,
            "plain",
            "Has anyone tried the {product} from {brand}? Thoughts?",
        ),
        Template("question", _NEU, _NEU, "plain", "{handle} do you ship to Switzerland?"),
        Template("question", _NEU, _NEU, "plain", "Is the {brand} {product} also sold in stores?"),
        Template(
            "question", _NEU, _NEU, "plain", "What time does the {brand} shop close on Saturdays?"
        ),
        Template(
            "question",
            _NEU,
            _NEG,
            "question",
            "What happens if my {product} arrives damaged? Asking before I order from {brand}",
        ),
        Template(
            "question",
            _NEU,
            _NEG,
            "question",
            "How do returns work if I order the wrong {product}, {brand}?",
        ),
        # other, neutral
        Template(
            "other", _NEU, _NEU, "plain", "Saw the {brand} stand at the Milan trade fair today"
        ),
        Template("other", _NEU, _NEU, "plain", "{brand} just posted their new catalogue"),
        Template(
            "other",
            _NEU,
            _NEU,
            "plain",
            "New collab between {brand} and a Milan-based creator, let's see",
        ),
        Template(
            "other",
            _NEU,
            _NEG,
            "keyword trap",
            "News piece on the crisis in the sector quotes the {brand} founder",
        ),
        Template(
            "other",
            _NEU,
            _NEG,
            "keyword trap",
            "Article on mistakes to avoid with your {product} mentions {brand}",
        ),
    ),
}
