"""The fictional brand every table is generated for: who it is and how each platform behaves."""

from __future__ import annotations

import dataclasses
import zoneinfo
from collections.abc import Mapping

import numpy as np
import pandas as pd

from smmlab._random import RandomState, child_rng, root_seed
from smmlab._validate import check_choice, check_choices, check_keys, check_number, fail

#: Platforms in the order every table uses (an ordered categorical).
PLATFORMS: tuple[str, ...] = ("Instagram", "Facebook", "TikTok", "LinkedIn", "X", "YouTube")
PLATFORM_DTYPE = pd.CategoricalDtype(list(PLATFORMS), ordered=True)

CURRENCIES: tuple[str, ...] = ("EUR", "USD", "GBP", "CHF")

#: Industry -> typical order value (currency units) and mention topics live beside it.
INDUSTRIES: dict[str, float] = {
    "specialty coffee": 28.0,
    "sustainable fashion": 65.0,
    "cycling gear": 90.0,
    "natural skincare": 38.0,
    "artisan bakery": 22.0,
    "pet food": 40.0,
    "board games": 45.0,
}

#: Industry -> typical gross margin of an online shop (revenue minus cost of goods, shipping and
#: payment fees, over revenue). Documented assumptions in the ranges retail analysts quote for
#: direct-to-consumer brands; each brand draws its own margin around them.
GROSS_MARGINS: dict[str, float] = {
    "specialty coffee": 0.55,
    "sustainable fashion": 0.55,
    "cycling gear": 0.38,
    "natural skincare": 0.65,
    "artisan bakery": 0.50,
    "pet food": 0.40,
    "board games": 0.45,
}

_NAME_FIRST = ("Bottega", "Casa", "Officina", "Studio", "Atelier", "Bosco", "Mare", "Sole", "Nido")
_NAME_SECOND = (
    "Aurora", "Luna", "Verde", "Alba", "Corallo", "Vento", "Ginestra", "Ulivo", "Stella",
)  # fmt: skip

#: Default platform parameters. Rates are fractions (0.04 = 4 %); money in the brand's currency
#: (published USD figures are used at par). See :func:`make_brand` for the sources.
DEFAULT_PLATFORM_PARAMS = pd.DataFrame(
    {
        "followers": [15_000, 20_000, 8_000, 3_000, 5_000, 2_000],
        "posts_per_week": [4.6, 5.0, 1.75, 2.0, 3.9, 0.5],
        "organic_reach_ratio": [0.12, 0.014, 0.9, 0.15, 0.05, 0.6],
        "reach_sigma": [0.55, 0.5, 0.8, 0.5, 0.5, 0.7],
        "er_by_reach": [0.046, 0.080, 0.052, 0.089, 0.016, 0.059],
        "frequency": [1.25, 1.15, 1.1, 1.2, 1.3, 1.1],
        "ctr_organic": [0.002, 0.004, 0.001, 0.006, 0.003, 0.002],
        "paid_share": [0.12, 0.15, 0.08, 0.10, 0.03, 0.05],
        "cpm": [9.0, 15.0, 9.0, 33.0, 6.0, 10.0],
        "ctr_paid": [0.008, 0.009, 0.009, 0.005, 0.006, 0.005],
        "cvr": [0.08, 0.09, 0.05, 0.06, 0.03, 0.03],
        "follower_growth": [0.0012, 0.0004, 0.003, 0.0015, 0.0006, 0.002],
        "follower_churn": [0.0004, 0.0003, 0.0008, 0.0002, 0.0004, 0.0003],
    },
    index=pd.Index(PLATFORMS, name="platform"),
)

_INT_PARAMS = ("followers",)
_RATE_PARAMS = (
    "organic_reach_ratio",
    "er_by_reach",
    "ctr_organic",
    "paid_share",
    "ctr_paid",
    "cvr",
    "follower_growth",
    "follower_churn",
)
_OVERRIDES = (
    "name",
    "industry",
    "country",
    "currency",
    "timezone",
    "platforms",
    "size",
    "gross_margin",
    "platform_params",
)


@dataclasses.dataclass(frozen=True, eq=False)
class Brand:
    """A fictional brand and the parameters of each platform it is on.

    Attributes
    ----------
    name, industry, country, currency, timezone : str
        Who the brand is; ``timezone`` is an IANA name such as ``"Europe/Rome"``.
    order_value : float
        Average order value in ``currency``.
    gross_margin : float
        Gross margin of the brand's sales, a fraction (0.55: of each 100 of revenue, 55 is
        left after the cost of the goods sold, shipping and payment fees). Profit-based ROI
        and break-even ROAS (:func:`smmlab.metrics.roi`, :func:`smmlab.metrics.break_even_roas`)
        need it.
    platforms : pandas.DataFrame
        One row per platform (index ``platform``) with the columns of
        :data:`DEFAULT_PLATFORM_PARAMS`.

    Examples
    --------
    >>> brand = make_brand(random_state=0)
    >>> list(brand.platforms.index[:2])
    ['Instagram', 'Facebook']
    """

    name: str
    industry: str
    country: str
    currency: str
    timezone: str
    order_value: float
    gross_margin: float
    platforms: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the brand's identity as a one-row table (the ``brand`` dataset).

        Examples
        --------
        >>> make_brand(random_state=0).to_frame().columns.tolist()[:2]
        ['name', 'industry']
        """
        row = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        row.pop("platforms")
        frame = pd.DataFrame([row])
        numbers = ("order_value", "gross_margin")
        return frame.astype({c: "str" for c in frame.columns if c not in numbers})

    def platform_frame(self) -> pd.DataFrame:
        """Return the platform parameters as a tidy table (the ``platforms`` dataset).

        Examples
        --------
        >>> make_brand(random_state=0).platform_frame()["platform"].dtype.ordered
        True
        """
        frame = self.platforms.reset_index()
        frame["platform"] = frame["platform"].astype(PLATFORM_DTYPE)
        return frame


def make_brand(random_state: RandomState = None, **overrides: object) -> Brand:
    """Generate a fictional brand with realistic per-platform parameters.

    Parameters
    ----------
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the brand. The same int always gives the same brand.
    **overrides
        Fix any of: ``name``, ``industry`` (one of :data:`INDUSTRIES`),
        ``country``, ``currency`` (one of :data:`CURRENCIES`), ``timezone`` (an
        IANA name), ``platforms`` (a list drawn from :data:`PLATFORMS`),
        ``size`` (follower multiplier, 0.01 to 100), ``gross_margin`` (a fraction,
        0.05 to 0.95) and ``platform_params``
        (``{platform: {parameter: value}}`` for the columns of
        :data:`DEFAULT_PLATFORM_PARAMS`).

    Returns
    -------
    Brand

    Notes
    -----
    Generative model: the brand draws a size factor ``s ~ LogNormal(0, 0.5)``;
    each platform's followers are ``default * s * LogNormal(0, 0.2)`` and each
    rate is ``default * LogNormal(0, 0.1)``, so every brand differs while its
    medians stay in the published ranges below. Money figures published in USD
    are used at par in the brand's currency. The gross margin is the industry's
    typical margin (:data:`GROSS_MARGINS`, documented assumptions) times
    ``LogNormal(0, 0.08)``, rounded to a whole percent and kept within 0.25-0.80;
    it is drawn from its own stream, so it changes no other draw.

    Sources of the defaults (all-industry medians; publishers disagree by 2-5x
    because they use different denominators, so these are ranges, not truths):

    - Engagement rate by followers: Instagram about 0.47 %, Facebook
      0.06-0.15 %, TikTok 2.6-5.7 %, X 0.035-0.12 % (Rival IQ 2023-2024
      reports; Socialinsider). The generator models engagement *by reach*
      (``er_by_reach``) and the organic reach ratio, whose product lands there.
    - Engagement rate by impressions: LinkedIn about 6 %, Facebook about 5 %,
      YouTube about 4.4 % (Buffer 2025).
    - Posts per week: Facebook 5.0, Instagram 4.6, TikTok 1.75, X 3.9
      (Rival IQ 2023).
    - Paid: Facebook CTR 0.9 %, CPC about 1.7 and conversion rate 9.2 % of
      clicks (WordStream, all objectives), so CPM about 15;
      LinkedIn CPM 25-44; TikTok CPM 3-20 (stackmatix, prooflytics).
    - Organic reach ratios, follower growth and churn have no published
      source; they are documented assumptions.

    Examples
    --------
    >>> brand = make_brand(random_state=1, name="Caffè Aurora", platforms=["Instagram", "TikTok"])
    >>> brand.name, list(brand.platforms.index)
    ('Caffè Aurora', ['Instagram', 'TikTok'])
    """
    check_keys("make_brand overrides", overrides, _OVERRIDES)
    root = root_seed(random_state)
    rng = child_rng(root, "brand")
    first = _NAME_FIRST[rng.integers(len(_NAME_FIRST))]
    second = _NAME_SECOND[rng.integers(len(_NAME_SECOND))]
    industries = list(INDUSTRIES)
    drawn_industry = industries[rng.integers(len(industries))]
    size_draw = float(rng.lognormal(0.0, 0.5))
    follower_jitter = rng.lognormal(0.0, 0.2, size=len(PLATFORMS))
    rate_jitter = rng.lognormal(0.0, 0.1, size=(len(PLATFORMS), len(_RATE_PARAMS)))

    name = overrides.get("name", f"{first} {second}")
    if not isinstance(name, str) or not name.strip():
        fail("name", name, "type", expected="a non-empty text")
    industry = check_choice("industry", overrides.get("industry", drawn_industry), INDUSTRIES)
    country = overrides.get("country", "Italy")
    if not isinstance(country, str) or not country.strip():
        fail("country", country, "type", expected="a non-empty text")
    currency = check_choice("currency", overrides.get("currency", "EUR"), CURRENCIES)
    timezone = overrides.get("timezone", "Europe/Rome")
    if not isinstance(timezone, str) or timezone not in zoneinfo.available_timezones():
        fail("timezone", timezone, "type", expected="an IANA time zone such as 'Europe/Rome'")
    platforms = check_choices("platforms", overrides.get("platforms", PLATFORMS), PLATFORMS)
    platforms = [p for p in PLATFORMS if p in platforms]
    size = check_number("size", overrides.get("size", size_draw), low=0.01, high=100.0)
    margin_rng = child_rng(root, "brand_gross_margin")
    drawn_margin = float(np.clip(round(GROSS_MARGINS[industry] * margin_rng.lognormal(0.0, 0.08),
                                       2), 0.25, 0.80))
    gross_margin = check_number("gross_margin", overrides.get("gross_margin", drawn_margin),
                                low=0.05, high=0.95)

    params = DEFAULT_PLATFORM_PARAMS.copy()
    params["followers"] = np.round(params["followers"] * size * follower_jitter).astype("int64")
    params[list(_RATE_PARAMS)] = params[list(_RATE_PARAMS)] * rate_jitter
    params = params.loc[platforms]
    _apply_platform_overrides(params, overrides.get("platform_params", {}))
    return Brand(
        name=name,
        industry=industry,
        country=country,
        currency=currency,
        timezone=str(timezone),
        order_value=INDUSTRIES[industry],
        gross_margin=float(gross_margin),
        platforms=params,
    )


def _apply_platform_overrides(params: pd.DataFrame, overrides: object) -> None:
    if not isinstance(overrides, Mapping):
        fail("platform_params", overrides, "type", expected="a dict {platform: {parameter: value}}")
    check_keys("platform_params", overrides, params.index)
    for platform, values in overrides.items():
        if not isinstance(values, Mapping):
            fail(f"platform_params[{platform!r}]", values, "type", expected="a dict")
        check_keys(f"platform_params[{platform!r}]", values, params.columns)
        for column, value in values.items():
            param = f"platform_params[{platform!r}][{column!r}]"
            if column in _INT_PARAMS:
                value = int(check_number(param, value, low=1, high=1e9))
            elif column in _RATE_PARAMS:
                value = check_number(param, value, low=0.0, high=1.0)
            else:
                value = check_number(param, value, low=1e-6, high=1e6)
            params.loc[platform, column] = value


def resolve_brand(brand: Brand | None, root: np.random.SeedSequence) -> Brand:
    """Return ``brand``, or the brand drawn from ``root`` when it is None.

    Examples
    --------
    >>> resolve_brand(None, root_seed(3)).name == make_brand(root_seed(3)).name
    True
    """
    if brand is None:
        return make_brand(root)
    if not isinstance(brand, Brand):
        fail("brand", brand, "type", expected="a Brand from make_brand() or None")
    return brand
