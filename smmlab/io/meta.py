"""Meta exports: Business Suite posts and daily figures (Instagram, Facebook), Ads Manager.

Evidence (``platform-exports.md`` §1-2): the per-post "Content" export is **A**
(a real March-2025 Instagram file; Facebook's column set from two importers
and a real 12-month dataset), its Italian headers **B** (one importer); the
daily files (UTF-16, ``sep=,``, metric name, then ``"Date","Primary"``) **A**;
Ads Manager reports **A** in English, Italian, French and Spanish headers.

Not found, so not read: French Business Suite post and daily exports, the
exact Instagram stories header, the time zone of ``Publish time`` (give
``timezone=``).

Examples
--------
>>> [f.key for f in FORMATS][:2]
['meta.posts.en', 'meta.posts.it']
"""

from __future__ import annotations

import re

import pandas as pd

from smmlab.io._formats import Format, Options, Prepared, Raw, pick
from smmlab.io._messages import MESSAGES

#: Meta's ``Post type`` values -> course format (others are left missing: ``IG story``,
#: Facebook's ``Content``).
POST_TYPES: dict[str, str] = {
    "ig image": "image", "ig carousel": "carousel", "ig reel": "short video",
    "ig video": "video", "photos": "image", "photo": "image", "videos": "video",
    "video": "video", "reels": "short video", "reel": "short video", "links": "link",
    "link": "link",
}  # fmt: skip

_INSTAGRAM_HEADERS = {"account id", "account username", "account name", "saves", "follows"}
_FACEBOOK_HEADERS = {"page id", "page name", "reactions", "reazioni",
                     "reactions, comments and shares", "reazioni, commenti e condivisioni"}


def _posts(raw: Raw, prepared: Prepared, options: Options) -> None:
    names = set(raw.frame.columns)
    default = ("Facebook" if names & _FACEBOOK_HEADERS else
               "Instagram" if names & _INSTAGRAM_HEADERS else options.platform)
    kinds = prepared.cells.get("format")
    if kinds is not None:
        folded = kinds.astype("str").str.strip().str.casefold()
        platform = folded.map(lambda v: "Instagram" if v.startswith("ig ") else default)
        prepared.cells["format"] = folded.map(POST_TYPES).astype("object")
        if platform.notna().all():
            prepared.cells["platform"] = platform.astype("object")
    prepared.platform = default
    _, period = pick(raw, ("date",))
    if period is not None and len(period) and (period.str.casefold() == "lifetime").all():
        prepared.notes.append(MESSAGES.text("note.lifetime"))
    _, account = pick(raw, ("account name", "page name", "account username"))
    if account is not None and account.notna().any():
        prepared.facts["account"] = str(account.dropna().iloc[0])


_POST_RENAMED = {"views": "note.views", "viewers": "note.viewers"}

POSTS_EN = Format(
    "meta.posts", "meta.posts.en", "posts", "A", "en",
    ("post id", "publish time", "post type"),
    {
        "source_id": ("post id",),
        "published_at": ("publish time",),
        "format": ("post type",),
        "impressions": ("views", "impressions"),
        "reach": ("reach", "viewers"),
        "likes": ("likes", "reactions"),
        "comments": ("comments",),
        "shares": ("shares",),
        "saves": ("saves",),
        "link_clicks": ("link clicks",),
    },
    prepare=_posts, summary=("post id",), renamed=_POST_RENAMED,
)

POSTS_IT = Format(
    "meta.posts", "meta.posts.it", "posts", "B", "it",
    ("orario di pubblicazione", "tipo di post"),
    {
        "source_id": ("post id",),
        "published_at": ("orario di pubblicazione",),
        "format": ("tipo di post",),
        "reach": ("copertura",),
        "likes": ("mi piace", "reazioni"),
        "comments": ("commenti",),
        "shares": ("condivisioni",),
    },
    prepare=_posts, summary=("orario di pubblicazione",),
)

#: Metric names on line 2 of a daily file -> (course column, platform if the name says).
DAILY_METRICS: dict[str, tuple[str, str | None]] = {
    "facebook follows": ("new_followers", "Facebook"),
    "instagram follows": ("new_followers", "Instagram"),
    "follows": ("new_followers", None),
    "views": ("impressions", None),
    "viewers": ("reach", None),
    "reach": ("reach", None),
    "instagram reach": ("reach", "Instagram"),
    "content interactions": ("engagements", None),
    "interactions": ("engagements", None),
    "facebook visits": ("profile_visits", "Facebook"),
    "instagram profile visits": ("profile_visits", "Instagram"),
    "visits": ("profile_visits", None),
}
_DAILY_RENAMED = {"views": "note.views", "viewers": "note.viewers"}


def _daily(raw: Raw, prepared: Prepared, options: Options) -> None:
    names = [str(row[0]).strip().casefold() for row in raw.preamble
             if row and str(row[0]).strip() and not str(row[0]).lower().startswith("sep=")]
    metric = names[-1] if names else ""
    if metric not in DAILY_METRICS:
        raise ValueError(MESSAGES.text("daily_metric", path=raw.path.name, metric=metric,
                                       known=", ".join(sorted(DAILY_METRICS))))
    column, platform = DAILY_METRICS[metric]
    prepared.cells[column] = prepared.cells.pop("value")
    prepared.platform = platform
    if metric in _DAILY_RENAMED:
        prepared.notes.append(MESSAGES.text("note.renamed", course=column, header=metric,
                                            why=MESSAGES.text(_DAILY_RENAMED[metric])))


DAILY = Format(
    "meta.daily", "meta.daily.en", "account_daily", "A", "en", ("date", "primary"),
    {"date": ("date",), "value": ("primary",)}, prepare=_daily, summary=("date",),
)

_SPEND = re.compile(r"^(amount spent|importo speso|montant dépensé|importe gastado)"
                    r"(?: \((?P<currency>[a-z]{3})\))?$")


def _ads(raw: Raw, prepared: Prepared, options: Options) -> None:
    for name in raw.frame.columns:
        match = _SPEND.match(name)
        if match:
            prepared.cells["spend"] = raw.frame[name].reset_index(drop=True)
            currency = match["currency"]
            if currency is None:
                _, codes = pick(raw, ("currency", "devise", "valuta", "divisa"))
                known = codes.dropna() if codes is not None else pd.Series([], dtype=object)
                currency = str(known.iloc[0]) if len(known) else None
            if currency:
                prepared.facts["currency"] = currency.upper()
                prepared.notes.append(MESSAGES.text("note.currency",
                                                    currency=currency.upper(), header=name))
            break
    _, kind = pick(raw, ("ad set budget type",))
    if "daily_budget" in prepared.cells and kind is not None:
        daily = kind.reset_index(drop=True).astype("str").str.casefold() == "daily"
        prepared.cells["daily_budget"] = prepared.cells["daily_budget"].where(daily, "")
    elif "daily_budget" in prepared.cells:
        del prepared.cells["daily_budget"]  # a budget of unknown kind is not a daily budget
    _, day = pick(raw, ("day", "giorno", "jour", "día"))
    starts, ends = pick(raw, _REPORTING_STARTS)[1], pick(raw, _REPORTING_ENDS)[1]
    if day is None and starts is not None and ends is not None and (starts != ends).any():
        prepared.notes.append(MESSAGES.text("note.periods"))


_REPORTING_STARTS = ("reporting starts", "inizio dei report", "début des rapports",
                     "inicio del informe")
_REPORTING_ENDS = ("reporting ends", "fine dei report", "fin des rapports", "fin del informe")
_ADS_SUMMARY = ("campaign name", "nome della campagna", "nom de la campagne",
                "nombre de la campaña", "ad set name", "nom de l'ensemble de publicités",
                "ad name", "nom de la publicité")


def _ads_format(language: str, signature: tuple[str, ...], columns: dict) -> Format:
    return Format("meta.ads", f"meta.ads.{language}", "campaigns", "A", language, signature,
                  columns, prepare=_ads, summary=_ADS_SUMMARY)


ADS = (
    _ads_format("en", ("reporting starts", "reporting ends"), {
        "date": ("day", "reporting starts"),
        "campaign": ("campaign name",),
        "ad_set": ("ad set name",),
        "daily_budget": ("ad set budget",),
        "impressions": ("impressions",),
        "reach": ("reach",),
        "clicks": ("link clicks", "clicks (all)"),
        "conversions": ("purchases", "website purchases"),
        "revenue": ("purchases conversion value", "website purchases conversion value"),
    }),
    _ads_format("it", ("inizio dei report", "fine dei report"), {
        "date": ("giorno", "inizio dei report"),
        "campaign": ("nome della campagna",),
        "daily_budget": ("budget del gruppo di inserzioni",),
        "impressions": ("impression",),
        "reach": ("copertura",),
        "clicks": ("clic sul link",),
    }),
    _ads_format("fr", ("début des rapports", "fin des rapports"), {
        "date": ("début des rapports",),
        "campaign": ("nom de la campagne",),
        "ad_set": ("nom de l'ensemble de publicités",),
        "reach": ("couverture",),
        "clicks": ("clics sur un lien",),
        "revenue": ("valeur de conversion des achats",),
    }),
    _ads_format("es", ("inicio del informe", "fin del informe"), {
        "date": ("inicio del informe",),
        "campaign": ("nombre de la campaña",),
    }),
)

FORMATS: tuple[Format, ...] = (POSTS_EN, POSTS_IT, DAILY, *ADS)

__all__ = ["ADS", "DAILY", "DAILY_METRICS", "FORMATS", "POSTS_EN", "POSTS_IT", "POST_TYPES"]
