"""Settings of the regional social-services portal.

One file, read top to bottom; everything that differs between a laptop and production comes from the
environment (every variable is listed in the README). Unset `DATABASE_URL` means the embedded SQLite
file of the quick start; production sets `DEBUG=0` and the variables `manage.py check --deploy` asks for.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", dev_default="dev-only-insecure-key-never-use-in-production", debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The kraj this installation serves (NUTS 3 code); its name and ORPs come from the territory tables.
PORTAL_REGION = env_str("PORTAL_REGION", default="CZ020")
# Who coordinates which kraje: asked by the admin's region scoping (core/admin.py, which imports no app).
PORTAL_COORDINATED_KRAJE = "accounts.permissions.coordinated_kraje"

INSTALLED_APPS = [
    "core.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site (core/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",  # trigram lookups and search helpers; harmless on SQLite
    "allauth",
    "allauth.account",
    "django_filters",
    "simple_history",
    "import_export",  # CSV/XLSX import and export in the admin
    "django_tasks_db",  # database backend of django.tasks (registry imports uploaded in the admin)
    "core",
    "portal",
    "territory",
    "accounts",
    "services",
    "guide",
    "coalitions",
    "discussions",
    "discussions.offers",
    "planning",
    "network",
    "families",
    "education",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page-cache hits for anonymous visitors, answered before the session, authentication and CSRF work a
    # stored page does not need (core.pagecache.EarlyHit); misses go on and are stored on their way out.
    "core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.translated_paths.TranslatedPathRedirectMiddleware",  # /en/sluzby/ → /en/services/ (301)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "core.middleware.InvalidFormStatusMiddleware",
    "core.resubmit.OneSubmitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Forms render through templates/portal/forms/ (error summary, labels, help text tied by aria-describedby).
FORM_RENDERER = "core.forms_renderer.PortalFormRenderer"

# --- Database -------------------------------------------------------------------------------------
# Unset: the SQLite file of the quick start. A postgres:// URL: PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'portal.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A busy timeout instead of "database is locked" when the dev server and a command write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when CACHE_URL is set (shared by all app nodes), else per-process memory --------
CACHE_URL = env_str("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # RedisCache that serves without cache while Redis is away (core/cache.py).
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", default="portal"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts (django-allauth) --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, the signed-in person remembered per generation of "people"
# (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "phone_number"
ACCOUNT_EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", default="[Sociální služby] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# allauth's own rate limits (login failures, sign-ups, resets, confirmation mails) stay on; tests may
# switch them off with the `settings` fixture where they get in the way. The admin has no login of its own
# (core.admin.PortalAdminSite), so staff accounts get the same limits. "key" of login_failed is the account
# *and* the address (accounts.adapter): a stranger's guessing never locks the owner out, and a password reset
# by e-mail lets the owner in at once.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)

# --- E-mail -----------------------------------------------------------------------------------------
# Django 6.1 mailers. Development prints mails to the console; production speaks SMTP.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_MAIL_OPTIONS = {}
if EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):  # mails as files, e.g. for staging or tests
    _MAIL_OPTIONS = {"file_path": env_str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-mail"))}
elif EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": env_str("EMAIL_HOST", default="localhost"),
        "port": env_int("EMAIL_PORT", default=25),
        "username": env_str("EMAIL_HOST_USER", default="") or None,
        "password": env_str("EMAIL_HOST_PASSWORD", default="") or None,
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
        "timeout": env_int("EMAIL_TIMEOUT", default=10),
    }
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="Portál sociálních služeb <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
CONTACT_EMAIL = env_str("CONTACT_EMAIL", default="socialni-sluzby@example.invalid")
ADMINS = [("Admin", a) for a in env_list("ADMINS", default=[])]

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", "Čeština"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per language (portal/formats/<lang>/formats.py): templates, e-mails and feeds name the
# formats (DATE_FORMAT, SHORT_DATE_FORMAT …), never a pattern of their own.
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Prague"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files and uploads -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads on a local (or shared, mounted) folder by default; on S3-compatible object storage when
# MEDIA_S3_BUCKET is set (needs `pip install "django-storages[s3]"`). Files stay private either way: the
# portal serves them through permission-checked views, never by a public bucket URL.
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET", default="")
_MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_S3_BUCKET:
    _MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("MEDIA_S3_REGION", default="") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY", default="") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_KEY", default="") or None,
            "location": env_str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _MEDIA_STORAGE,
    # Hashed, compressed names served by whitenoise with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded documents and photos (coalitions): larger files are refused with a message.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", default=20) * 1024 * 1024
# Largest registry file (rpss.json, ~100 MB in 2026) an import downloads or a coordinator uploads.
REGISTRY_IMPORT_MAX_BYTES = env_int("REGISTRY_IMPORT_MAX_MB", default=300) * 1024 * 1024

# Registry import: services missing from the file are ended only when the run would end at most this share
# of the active services in scope (a larger share means a partial file: they are kept and reported).
REGISTRY_IMPORT_MAX_ENDED_PERCENT = float(env_str("REGISTRY_IMPORT_MAX_ENDED_PERCENT", default="5"))

# Background tasks (django.tasks): stored in the database and run by `manage.py db_worker`. In development
# (DEBUG=1, `make run`) they run at once in the request (no worker needed), unless TASKS_BACKEND says otherwise.
TASKS = {"default": {"BACKEND": env_str(
    "TASKS_BACKEND",
    default="django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend")}}

# --- Security ------------------------------------------------------------------------------------------
# Every response: CSP without unsafe-inline/unsafe-eval (inline scripts need the per-request nonce),
# no framing, no sniffing, a strict referrer and opener policy.
# Map tiles of the registry's maps (Leaflet); the tile host is allowed in the CSP's img-src.
MAP_TILES_URL = env_str("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", default="© OpenStreetMap contributors")
_TILES = urlsplit(MAP_TILES_URL)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", f"{_TILES.scheme}://{_TILES.netloc}", *env_list("CSP_IMG_SRC", default=[])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto, redirect plain HTTP, send HSTS and
# secure cookies. All default to on in production (DEBUG=0) and off for the development server.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", default=not DEBUG) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Sessions in the database, read through the cache: a signed-in request costs no session query (Redis away: the
# database answers). The tests read them from the database, so that their query counts pin the pages' own work.
SESSION_ENGINE = env_str("SESSION_ENGINE", default="django.contrib.sessions.backends.cached_db")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Portal behaviour -------------------------------------------------------------------------------------
# Seconds a rendered public registry page is kept for anonymous visitors (0 switches it off). Any
# change to registry data invalidates the cached pages at once (services/cache.py).
REGISTRY_PAGE_CACHE_SECONDS = env_int("REGISTRY_PAGE_CACHE_SECONDS", default=300)
# Each worker warms itself (translations, templates, the registry's facet index) before its first request
# (portal/warmup.py, called by portal/wsgi.py); off in development.
WARM_UP_ON_START = env_bool("WARM_UP_ON_START", default=not DEBUG)
# Free-place figures older than this are shown as outdated (registry).
CAPACITY_REPORT_MAX_AGE_DAYS = env_int("CAPACITY_REPORT_MAX_AGE_DAYS", default=30)
# Verification of capacity reports at scale (services/models/capacity.py): a provider's plausible reports are
# verified automatically after this many reports of its services were verified by coordinators (0: never);
# a waiting list growing more than FACTOR times (and by at least MIN people) since the last report waits.
CAPACITY_TRUST_AFTER = env_int("CAPACITY_TRUST_AFTER", default=5)
CAPACITY_WAITING_JUMP_FACTOR = env_int("CAPACITY_WAITING_JUMP_FACTOR", default=3)
CAPACITY_WAITING_JUMP_MIN = env_int("CAPACITY_WAITING_JUMP_MIN", default=10)
# Forum (discussions/permissions.py): minutes an author may still edit a post; how many first posts of a
# new account wait for a moderator; posting rate limits; minimum minutes between two mails about one thread.
# A form copy sent again within this time gets the first sending's result (core/resubmit.py); 0 = off.
RESUBMIT_WINDOW_SECONDS = env_int("RESUBMIT_WINDOW_SECONDS", default=600)
FORUM_EDIT_WINDOW_MINUTES = env_int("FORUM_EDIT_WINDOW_MINUTES", default=30)
FORUM_PREMODERATION_POSTS = env_int("FORUM_PREMODERATION_POSTS", default=1)
FORUM_THREADS_PER_HOUR = env_int("FORUM_THREADS_PER_HOUR", default=5)
FORUM_POSTS_PER_MINUTE = env_int("FORUM_POSTS_PER_MINUTE", default=3)
FORUM_NOTIFICATION_MINUTES = env_int("FORUM_NOTIFICATION_MINUTES", default=15)
# Families (families/retention.py, families/emails.py): days a finished request keeps its free text before only
# its statistics remain; minimum minutes between two mails to one person about requests and offers.
FAMILIES_RETENTION_DAYS = env_int("FAMILIES_RETENTION_DAYS", default=365)
FAMILIES_NOTIFICATION_MINUTES = env_int("FAMILIES_NOTIFICATION_MINUTES", default=15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
