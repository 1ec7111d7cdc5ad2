"""Load django-spirit with the same shape of forum the portal's national demo set has.

    SPIRIT_DATABASE_URL=postgres://... bench/.venv-spirit/bin/python bench/spirit/seed.py --posts 100000

A "Bench" category with 50 topics, the first of them with 100 comments, plus filler topics of 100 comments
each until the total number of comments matches the portal's posts. Comments are rendered by Spirit's own
markdown (mistune) once per distinct text and written with bulk_create. Prints the URLs to measure.
"""

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spirit_bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from spirit.admin.forms import BasicConfigForm  # noqa: E402
from spirit.category.models import Category  # noqa: E402
from spirit.comment.models import Comment  # noqa: E402
from spirit.core.utils.markdown import Markdown  # noqa: E402
from spirit.topic.models import Topic  # noqa: E402

TEXTS = [
    "Dobrý den, řešíme v ORP **nedostatek míst** v azylovém domě pro matky s dětmi. Jak to máte vy?",
    "U nás pomohla spolupráce s obcí a *krizové byty*; podrobnosti v [metodice](https://example.org/m).",
    "> Jak to máte vy?\n\nMy máme pořadník 14 lidí, volné místo se uvolní jednou za měsíc.",
    "Souhlasím. Navrhuji téma na příští jednání pracovní skupiny:\n\n- kapacity\n- financování\n- terén",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--per-page", type=int, default=25, help="comments per page, as in the portal")
    parser.add_argument("--threads-per-page", type=int, default=50, help="topics per page, as in the portal")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    form = BasicConfigForm(data={"site_name": "Spirit", "comments_per_page": options.per_page,
                                 "topics_per_page": options.threads_per_page})
    assert form.is_valid(), form.errors
    form.save()
    category = Category.objects.filter(title="Bench").first()
    if category is None:
        User = get_user_model()
        users = [User.objects.create_user(f"user{n}", f"user{n}@example.invalid", "x") for n in range(20)]
        category = Category.objects.create(title="Bench", slug="bench", description="Benchmark")
        filler = Category.objects.create(title="Filler", slug="filler")
        html = [Markdown().render(text) for text in TEXTS]
        start = timezone.now() - dt.timedelta(days=365)
        topics = [Topic(user=users[n % 20], category=category, title=f"Téma {n}", slug=f"tema-{n}",
                        comment_count=100 if n == 0 else 2) for n in range(50)]
        remaining = options.posts - 100 - 49 * 2
        topics += [Topic(user=users[n % 20], category=filler, title=f"Výplň {n}", slug=f"vypln-{n}",
                         comment_count=100) for n in range(max(remaining, 0) // 100)]
        Topic.objects.bulk_create(topics, batch_size=2000)
        comments = []
        for topic in topics:
            for n in range(topic.comment_count):
                comments.append(Comment(user=users[n % 20], topic=topic, comment=TEXTS[n % 4],
                                        comment_html=html[n % 4], date=start + dt.timedelta(minutes=len(comments))))
            if len(comments) > 20_000:
                Comment.objects.bulk_create(comments, batch_size=5000)
                comments = []
        Comment.objects.bulk_create(comments, batch_size=5000)
    first = Topic.objects.filter(category=category).order_by("pk").first()
    print(f"comments={Comment.objects.count()}")
    print(f"thread=/topic/{first.pk}/{first.slug}/")
    print(f"thread_page4=/topic/{first.pk}/{first.slug}/?page=4")
    print(f"category=/category/{category.pk}/{category.slug}/")


if __name__ == "__main__":
    main()
