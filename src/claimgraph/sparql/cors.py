"""Which web pages may read the endpoint's answers: CORS (https://fetch.spec.whatwg.org/#http-cors-protocol).

A page on another origin (YASGUI, a notebook, a site of the registry's own) can only read an
answer that carries ``Access-Control-Allow-Origin`` for it. The endpoint allows **no** origin
unless told (``claimgraph serve --allow-origin ORIGIN``, repeatable; ``*`` allows any), and then:

* answers its pre-flight ``OPTIONS`` requests with the read-only methods (GET, HEAD, POST; POST
  carries queries only, updates being refused whatever the method), the request headers a SPARQL
  client sends, and ``Access-Control-Allow-Private-Network: true`` when the browser asks whether a
  public page may reach this private address (Private Network Access,
  https://wicg.github.io/private-network-access/);
* adds ``Access-Control-Allow-Origin`` to every answer for it, errors included (a 503 naming the
  limit a query hit is worth reading);
* never allows credentials: the endpoint has no cookies nor logins to protect, and a wildcard
  with credentials is what browsers refuse.

A request carrying an ``Origin`` that is neither allowed nor the endpoint's own is refused (403)
before any query runs: a page that cannot read the answer has no business spending the workers'
time (browsers send simple cross-origin POSTs without a pre-flight).
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: Methods a page may use: the read-only ones.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
#: Request headers a page may send (lower case), beyond the CORS-safelisted ones.
ALLOWED_HEADERS = (
    "accept",
    "accept-language",
    "content-language",
    "content-type",
    "cache-control",
    "pragma",
    "x-requested-with",
)
#: Seconds a browser may keep a pre-flight's answer.
MAX_AGE = 600

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(text: str) -> str:
    """An origin as browsers serialise it (``https://example.org:8443``), or ``*``, or ``null``.

    Raises ValueError for anything else (a path, a query, user information, no host)."""
    value = text.strip()
    if value in ("*", "null"):
        return value
    if value.endswith("/"):
        value = value[:-1]
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError(
            f"{text!r} is not an origin: expected scheme://host[:port], such as "
            "https://example.org or http://localhost:3000"
        ) from None
    if not parts.scheme or not parts.hostname or parts.path or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(
            f"{text!r} is not an origin: expected scheme://host[:port] with nothing after it, "
            "such as https://example.org or http://localhost:3000"
        )
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or _DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class CorsPolicy:
    """The origins allowed to read the endpoint's answers, and the headers that say so."""

    def __init__(self, origins=()):
        self.origins = frozenset(normalise_origin(o) for o in origins)

    @property
    def any_origin(self) -> bool:
        return "*" in self.origins

    def allows(self, origin: str) -> bool:
        if self.any_origin:
            return True
        try:
            return normalise_origin(origin) in self.origins
        except ValueError:
            return False

    @staticmethod
    def same_origin(origin: str, host_header: str | None) -> bool:
        """Whether ``origin`` is the endpoint's own, as the request reached it (``Host``)."""
        if not host_header:
            return False
        try:
            own = normalise_origin(f"http://{host_header.strip()}")
            return normalise_origin(origin) in (own, "https" + own[4:])
        except ValueError:
            return False

    def response_headers(self, origin: str | None, *, own: bool = False) -> dict[str, str]:
        """Headers granting ``origin`` the answer (none if it is not allowed, or there is none);
        ``own``: the origin is the endpoint's own (a pre-flight a browser sends for it all the same)."""
        if not origin or not (own or self.allows(origin)):
            return {}
        if self.any_origin:
            return {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After"}
        return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "Retry-After"}

    def preflight(
        self, origin: str, method: str | None, request_headers: str | None, private_network: bool, *, own: bool = False
    ) -> tuple[int, dict[str, str], str]:
        """``(status, headers, message)`` answering a pre-flight ``OPTIONS`` request (``own``: from
        the endpoint's own origin, which is always allowed)."""
        if not (own or self.allows(origin)):
            hint = (
                f"no origin is allowed: start `claimgraph serve` with --allow-origin {origin}"
                if not self.origins
                else f"allowed: {', '.join(sorted(self.origins))} (claimgraph serve --allow-origin)"
            )
            return 403, {}, f"origin {origin!r} may not query this endpoint: {hint}"
        method = (method or "").strip().upper()
        if method not in ALLOWED_METHODS:
            return (
                405,
                {"Allow": ", ".join(ALLOWED_METHODS)},
                f"{method or 'no method'} refused: this endpoint is read-only (GET, HEAD, POST)",
            )
        asked = [h.strip().lower() for h in (request_headers or "").split(",") if h.strip()]
        refused = [h for h in asked if h not in ALLOWED_HEADERS]
        if refused:
            return (
                403,
                {},
                f"request header{'s' if len(refused) > 1 else ''} {', '.join(refused)} not allowed "
                f"(allowed: {', '.join(ALLOWED_HEADERS)})",
            )
        headers = {
            **self.response_headers(origin, own=own),
            "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
            "Access-Control-Allow-Headers": ", ".join(asked or ALLOWED_HEADERS),
            "Access-Control-Max-Age": str(MAX_AGE),
        }
        if private_network:
            headers["Access-Control-Allow-Private-Network"] = "true"
        return 204, headers, ""
