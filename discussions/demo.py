"""Demo forum: topic categories, a board per demo coalition, threads with replies and quotes, a few
flagged posts and one first post waiting for approval.

Scale "demo": 7 categories and 4 boards, ~45 threads, ~180 posts. Scale "national": ~4,000 threads and
~100,000 posts (and one thread of exactly 100 posts for bench/forum.py), written with bulk_create; every
distinct text is rendered once (the texts repeat, their rendering is cached).
"""

import datetime as dt
import time

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from coalitions.models import Coalition, Meeting, Membership, Minutes
from discussions.models import (
    Category,
    Flag,
    ForumProfile,
    ModerationAction,
    Post,
    Thread,
    Watch,
    clean_title,
)
from core.markdown import render_markdown
from core.text import normalize_search_text
from services.models import ServiceType

SIZES = {
    "demo": {"generated_threads": 12, "replies": (2, 7)},
    "national": {"generated_threads": 4000, "replies": (10, 40)},
}

CATEGORIES = [
    ("bydleni", "Bydlení a sociální začleňování",
     "Sociální bydlení, azylové domy, domy na půl cesty, prevence ztráty bydlení."),
    ("seniori", "Senioři a péče o ně",
     "Pečovatelská služba, domovy pro seniory, odlehčovací služby, péče v domácnosti."),
    ("rodiny-s-detmi", "Rodiny s dětmi",
     "Sociálně aktivizační služby pro rodiny s dětmi, raná péče, spolupráce s OSPOD."),
    ("planovani", "Plánování sociálních služeb",
     "Komunitní plánování, střednědobé plány, síť služeb kraje a financování."),
    ("vzdelavani", "Vzdělávání a supervize",
     "Akreditované kurzy, supervize, stáže, výměna zkušeností pracovníků."),
    ("dluhy", "Dluhy a finanční gramotnost",
     "Dluhové poradenství, oddlužení, exekuce, prevence zadlužení."),
    ("dusevni-zdravi", "Duševní zdraví",
     "Komunitní péče, centra duševního zdraví, podpora samostatného bydlení."),
]

# (category slug, title, opening post, [replies], service type number or None)
THREADS = [
    ("seniori", "Jak řešíte pořadník čekatelů v domově pro seniory?",
     "Dobrý den, u nás v domově máme v pořadníku přes 180 žadatelů a řada z nich už službu nepotřebuje, "
     "nebo mezitím zemřeli. **Jak často pořadník aktualizujete** a jak se žadatelů ptáte, zda o místo "
     "stále stojí?",
     ["Aktualizujeme dvakrát ročně dopisem a telefonicky. Kdo se do měsíce neozve, dostane ještě jednu "
      "výzvu.",
      "My jsme přešli na sociální šetření u každého žadatele před zařazením. Pořadník se zmenšil na polovinu "
      "a lépe vidíme, kdo je opravdu v naléhavé situaci.",
      "Doporučuji metodiku MPSV k vyřizování žádostí, kapitola o evidenci žadatelů. Pomohla nám nastavit "
      "kritéria naléhavosti.",
      "Souhlasím se sociálním šetřením. Jen pozor, stojí to čas – u nás na to máme půl úvazku sociální "
      "pracovnice."], 13),
    ("seniori", "Odlehčovací služba o prázdninách – máte volná místa?",
     "Každé léto se nám ozývají rodiny, které potřebují na dva týdny zajistit péči o rodiče. Kapacity jsou "
     "plné už v dubnu. Plánujete někdo rozšíření?",
     ["Od července otevíráme dvě lůžka navíc, volné termíny zveřejníme v registru.",
      "U nás pomohlo, že rodiny rezervují termíny už v lednu. Jinak to nejde."], 8),
    ("seniori", "Pečovatelská služba o víkendech",
     "Obce se nás ptají, zda bychom zajistili úkony i o víkendu. Jak to máte s personálem a úhradami?",
     ["Víkendy děláme jen u klientů s vysokou mírou podpory, jinak to personálně nezvládáme.",
      "Víkendové směny máme s příplatkem a střídáme se. Obec nám přispívá z dotace."], 4),
    ("bydleni", "Sociální bydlení v malých obcích",
     "Máme zkušenost, že malé obce nemají vlastní byty a neví si rady. Funguje někde spolupráce více obcí "
     "na jednom projektu?",
     ["Na Kladensku se domluvilo pět obcí a společně vyčlenily šest bytů. Klíčová byla smlouva o spolupráci.",
      "Doporučuji podívat se na [Platformu pro sociální bydlení](https://socialnibydleni.org), mají dobré "
      "příklady.",
      "U nás to ztroskotalo na tom, kdo bude byty spravovat. Bez sociální práce v terénu to nejde.",
      "Můžeme se potkat na setkání koalice a probrat to podrobněji?"], 7),
    ("bydleni", "Azylový dům pro matky s dětmi – délka pobytu",
     "Zákon dává rok, ale najít pak bydlení je téměř nemožné. Jak postupujete, když pobyt končí a klientka "
     "nemá kam jít?",
     ["Spolupracujeme s městem na bytech s garancí. Bez toho by to nešlo.",
      "Začínáme hledat bydlení hned po nástupu, ne až v posledních měsících. Pomáhá i dluhové poradenství."],
     20),
    ("bydleni", "Noclehárna v zimě – kapacita nestačí",
     "V prosinci jsme museli odmítnout 14 lidí. Máte zkušenost s nízkoprahovým zimním provozem, např. "
     "v tělocvičně?",
     ["Loni jsme s městem otevřeli zimní provoz v hasičské zbrojnici. Vyžaduje to ale dobrovolníky na noc.",
      "Dejte vědět krajskému koordinátorovi, kapacita noclehárny je v plánu na příští rok."], 26),
    ("rodiny-s-detmi", "Spolupráce s OSPOD – předávání informací",
     "Jak nastavujete předávání informací mezi SAS a OSPOD, aby to nenarušilo důvěru rodiny?",
     ["Vše jen se souhlasem rodiny a na společném setkání, kde je rodina přítomná.",
      "Pomohla nám společná dohoda o spolupráci s OSPOD, kterou jsme podepsali na úrovni ORP.",
      "Souhlasím, přítomnost rodiny je klíčová. Jinak ztratíte důvěru a rodina přestane spolupracovat."], 29),
    ("rodiny-s-detmi", "Raná péče – dlouhé čekání na první návštěvu",
     "Rodiny čekají na první návštěvu až tři měsíce. Jak to řešíte v jiných regionech?",
     ["Zavedli jsme úvodní telefonickou konzultaci do týdne. Rodina aspoň ví, co ji čeká.",
      "Kraj nám letos navýšil úvazky v síti, čekací doba klesla na měsíc."], 17),
    ("planovani", "Střednědobý plán 2026–2028: připomínky",
     "Krajský úřad zveřejnil návrh střednědobého plánu. Máte připomínky k síti služeb ve vašem ORP?",
     ["Chybí nám terénní služby pro lidi s duševním onemocněním na Rakovnicku.",
      "Navrhujeme zařadit do sítě další kapacitu odlehčovacích služeb, poptávka roste.",
      "Připomínky posíláme přes formulář na webu kraje do konce měsíce, že?",
      "Ano, termín je do konce měsíce. Lze je poslat i přes koordinátora plánování ve vašem ORP."], None),
    ("planovani", "Jak sbíráte data o neuspokojené poptávce?",
     "Potřebujeme doložit kraji, kolik lidí jsme odmítli. Evidujete odmítnuté zájemce a podle čeho?",
     ["Evidujeme každého odmítnutého v tabulce: důvod, věk, obec. Jednou ročně posíláme souhrn.",
      "Portál teď ukazuje volná místa a pořadníky, to by mohlo pomoci i kraji."], None),
    ("vzdelavani", "Supervize – interní nebo externí?",
     "Vedení zvažuje nahradit externí supervizi interní. Máte s tím zkušenost?",
     ["Externí supervize je pro případovou práci nenahraditelná. Interní může doplnit, ne nahradit.",
      "Máme obojí: externí jednou za měsíc, interní intervize každý týden."], None),
    ("vzdelavani", "Akreditovaný kurz krizové intervence – doporučení",
     "Hledám akreditovaný kurz krizové intervence pro nové kolegy. Který byste doporučili?",
     ["Dobrou zkušenost máme s kurzem v Praze, 100 hodin, hodně praxe.",
      "Pozor, aby kurz měl platnou akreditaci MPSV, ověřte si to v registru akreditací."], None),
    ("dluhy", "Oddlužení po novele – zkušenosti",
     "Jak se vám po novele insolvenčního zákona daří klientům podávat návrhy na oddlužení?",
     ["Návrhů podáváme víc, tříleté oddlužení je pro klienty motivující.",
      "Problém je hlavně nestabilní příjem klientů, soudy pak oddlužení neschválí.",
      "Doporučuji spolupráci s akreditovanou organizací, která může návrh podat zdarma."], 1),
    ("dluhy", "Finanční gramotnost pro klienty azylových domů",
     "Chystáme skupinové lekce o rozpočtu domácnosti. Máte osvědčené materiály?",
     ["Používáme pracovní listy z projektu Dluhové poradny, jsou srozumitelné.",
      "Osvědčilo se nám mluvit o konkrétních situacích klientů, ne o teorii."], None),
    ("dusevni-zdravi", "Centrum duševního zdraví a spolupráce se sociálními službami",
     "V okrese vzniklo centrum duševního zdraví. Jak s ním spolupracujete, aby se služby nepřekrývaly?",
     ["Máme společné případové porady jednou za 14 dní, funguje to.",
      "Pomohlo nám jasně si rozdělit, kdo dělá bydlení a kdo zaměstnání."], 7),
    ("dusevni-zdravi", "Podpora samostatného bydlení – minimální rozsah",
     "Kolik hodin týdně podpory považujete za minimum, aby měla služba smysl?",
     ["Záleží na klientovi, ale pod dvě hodiny týdně to podle mě nemá efekt.",
      "U nás začínáme intenzivněji a postupně snižujeme, jak klient získává jistotu."], 7),
]

BOARD_THREADS = [
    ("Podklady na příští setkání", "Prosím o zaslání podkladů k analýze kapacit do pátku, ať je můžeme "
     "rozeslat s pozvánkou.",
     ["Posílám tabulku za naši organizaci.", "Doplníme do středy, díky za připomenutí."]),
    ("Metodika – připomínky k druhé verzi", "Druhá verze metodiky je v dokumentech koalice. Připomínky "
     "pište sem, prosím, ať je máme na jednom místě.",
     ["Kapitola 3 by potřebovala příklad z praxe.", "Souhlasím, nabízím kazuistiku z našeho domu."]),
]

GENERIC_REPLIES = [
    "Díky za sdílení, tohle nám hodně pomohlo.",
    "U nás to funguje podobně, jen evidenci vedeme elektronicky.",
    "Můžete prosím napsat víc o tom, jak jste to domluvili s obcí?",
    "Zkusíme to od příštího měsíce a dáme vědět, jak to dopadlo.",
    "Souhlasím. Bez terénní sociální práce se to nepohne.",
    "Máme opačnou zkušenost: klienti se v tom ztráceli a museli jsme to zjednodušit.",
    "Dobrá otázka, totéž řešíme i my. Počkám na zkušenosti ostatních.",
    "Doporučuji kontaktovat koordinátora plánování ve vašem ORP, má přehled o síti.",
    "Tohle by stálo za samostatné setkání koalice.",
    "Zkušenost z Mladé Boleslavi: pomohla pravidelná schůzka s OSPOD jednou měsíčně.",
    "Pozor na ochranu osobních údajů, sdílejte jen to nejnutnější.",
    "Přidávám odkaz na metodiku MPSV: https://www.mpsv.cz/socialni-sluzby",
    "Ověřili jsme si to u krajského úřadu, postup je v souladu se zákonem o sociálních službách.",
    "Kapacita je bohužel plná až do konce roku, pořadník má 40 lidí.",
    "Na podzim pořádáme kulatý stůl k tomuto tématu, pozvánku pošlu sem.",
    "Díky, tohle je přesně to, co jsem potřeboval(a) slyšet.",
]

GENERATED_TITLES = [
    "Zkušenosti s {}", "Kapacita služby {} v našem ORP", "Hledáme spolupráci: {}", "Financování služby {}",
    "Dotaz k registraci služby {}", "Personální standardy – {}", "Jak měříte kvalitu: {}",
]


class _Renderer:
    """Markdown is rendered once per distinct text (the demo texts repeat)."""

    def __init__(self):
        self.cache = {}

    def post(self, **fields) -> Post:
        body = fields["body"]
        if body not in self.cache:
            self.cache[body] = (render_markdown(body), normalize_search_text(body))
        html, search = self.cache[body]
        return Post(body_html=html, search_text=search, **fields)


def _quote(post_author, post_body: str, post_pk: int) -> str:
    lines = [f"{post_author} [napsal(a)](/cs/diskuse/prispevek/{post_pk}/):", ""] + post_body.splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


def seed(ctx) -> None:
    started = time.monotonic()
    rng = ctx.rng
    people = [p for p in ctx.data.get("people", []) if p.is_verified and p.email != "admin@demo.invalid"]
    if not people:
        return
    by_email = {p.email: p for p in ctx.data["people"]}
    sizes = SIZES[ctx.scale]
    now = timezone.now()
    renderer = _Renderer()

    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug] = Category.objects.create(slug=slug, name=name, description=description, order=order)
    moderator = by_email.get("moderator@demo.invalid")
    if moderator:
        categories["seniori"].moderators.add(moderator)
    boards = [Category.objects.board_for(c) for c in Coalition.objects.order_by("pk")]

    service_types = {st.number: st for st in ServiceType.objects.all() if getattr(st, "number", None)}

    # Threads: the hand-written ones, the boards' ones, then generated ones (many at national scale).
    specs = []
    for slug, title, opening, replies, type_number in THREADS:
        specs.append((categories[slug], title, opening, replies, service_types.get(type_number), None))
    meeting_type = ContentType.objects.get_for_model(Meeting)
    minutes_type = ContentType.objects.get_for_model(Minutes)
    for board in boards:
        for title, opening, replies in BOARD_THREADS:
            specs.append((board, title, opening, replies, None, None))
        meeting = (Meeting.objects.filter(coalition_id=board.coalition_id, published=True)
                   .order_by("starts_at").first())
        if meeting:
            specs.append((board, meeting.title, "Jak hodnotíte setkání? Co bychom měli příště udělat jinak?",
                          ["Vzdělávací blok byl přínosný, jen by chtěl víc času na diskusi.",
                           "Prosím o prezentaci z dopoledního bloku."], None, (meeting_type, meeting.pk)))
        minutes = Minutes.objects.filter(meeting__coalition_id=board.coalition_id, status="approved").first()
        if minutes:
            specs.append((board, f"Zápis: {minutes.meeting.title}",
                          "Zápis je schválený. Máte k úkolům dotazy?",
                          ["Úkol č. 2 zvládneme do konce měsíce."], None, (minutes_type, minutes.pk)))
    type_names = list(service_types.values()) or [None]
    low, high = sizes["replies"]
    for number in range(sizes["generated_threads"]):
        service_type = rng.choice(type_names)
        name = service_type.name if service_type else "sociální službou"
        title = rng.choice(GENERATED_TITLES).format(name.lower())
        replies = [rng.choice(GENERIC_REPLIES) for _ in range(rng.randint(low, high))]
        specs.append((categories[rng.choice(list(categories))], f"{title} ({number + 1})",
                      rng.choice(GENERIC_REPLIES) + " Jak to máte vy?", replies, service_type, None))
    if ctx.scale == "national":  # the benchmark thread: exactly 100 posts
        specs.append((categories["planovani"], "Benchmark: vlákno se 100 příspěvky",
                         "Úvodní příspěvek dlouhého vlákna.",
                         [rng.choice(GENERIC_REPLIES) for _ in range(99)],
                         None, None))

    # Boards are written by the coalition's members.
    members_of = {}
    for membership in Membership.objects.current().select_related("person"):
        members_of.setdefault(membership.coalition_id, []).append(membership.person)
    writers = {board.pk: members_of.get(board.coalition_id) or people for board in boards}

    threads = []
    for category, title, _opening, _replies, service_type, about in specs:
        created = now - dt.timedelta(days=rng.randint(3, 150), minutes=rng.randint(0, 1440))
        title = clean_title(title)[:200]
        threads.append(Thread(category=category, title=title, search_title=normalize_search_text(title),
                              author=rng.choice(writers.get(category.pk, people)), created_at=created,
                              last_post_at=created,
                              service_type=service_type, about_type=about[0] if about else None,
                              about_id=about[1] if about else None))
    Thread.objects.bulk_create(threads, batch_size=2000)

    # Posts: opening + replies; now and then a reply quotes an earlier post of the thread.
    posts = []
    for thread, (_category, _title, opening, replies, _type, _about) in zip(threads, specs, strict=True):
        moment = thread.created_at
        thread_posts = [renderer.post(thread=thread, author=thread.author, body=opening, created_at=moment)]
        for body in replies:
            moment += dt.timedelta(minutes=rng.randint(5, 60 * 30))
            thread_posts.append(renderer.post(thread=thread, author=rng.choice(writers.get(thread.category_id,
                                                                                          people)), body=body,
                                              created_at=min(moment, now)))
        posts.extend(thread_posts)
    Post.objects.bulk_create(posts, batch_size=5000)

    # Quotes need the pks: the demo scale rewrites a few replies to quote the post before them.
    quoting = []
    by_thread = {}
    for post in posts:
        by_thread.setdefault(post.thread_id, []).append(post)
    for thread_posts in list(by_thread.values())[:60]:
        if len(thread_posts) >= 3 and rng.random() < 0.5:
            earlier, reply = thread_posts[1], thread_posts[2]
            reply.body = _quote(earlier.author.public_name, earlier.body, earlier.pk) + reply.body
            reply.quoted = earlier
            reply.body_html = render_markdown(reply.body)
            reply.search_text = normalize_search_text(reply.body)
            quoting.append(reply)
    Post.objects.bulk_update(quoting, ["body", "quoted", "body_html", "search_text"], batch_size=1000)

    for thread in threads:
        thread_posts = by_thread[thread.pk]
        thread.post_count, thread.last_post = len(thread_posts), thread_posts[-1]
        thread.last_post_at = thread_posts[-1].created_at
    Thread.objects.bulk_update(threads, ["post_count", "last_post", "last_post_at"], batch_size=2000)
    ctx.data["forum_threads"] = threads

    _moderation_and_people(ctx, by_email, categories, threads, by_thread, people, renderer, now)
    ctx.data["forum_seconds"] = round(time.monotonic() - started, 1)


def _moderation_and_people(ctx, by_email, categories, threads, by_thread, people, renderer, now) -> None:
    rng = ctx.rng
    post_type = ContentType.objects.get_for_model(Post)
    # A spam post hidden by three flags of verified people, and two posts flagged once, waiting.
    spam_thread = threads[0]
    # Spam comes from a fresh account of nobody in particular, not from a professional of the region.
    spammers = [p for p in ctx.data["people"] if not p.organisation and not p.is_staff
                and not p.email.startswith(("verejnost@", "admin@", "moderator@"))]
    spam = renderer.post(thread=spam_thread, author=rng.choice(spammers or people),
                         created_at=now - dt.timedelta(hours=5),
                         body="Nejlevnější půjčky bez registru!!! Volejte hned, schválení do 5 minut.")
    spam.is_hidden = True
    spam.save()
    Thread.objects.filter(pk=spam_thread.pk).update(post_count=F("post_count") + 1)
    reporters = rng.sample(people, 4)
    Flag.objects.bulk_create([Flag(content_type=post_type, object_id=spam.pk, reporter=person, reason="spam")
                              for person in reporters[:3]])
    ModerationAction.objects.create(content_type=post_type, object_id=spam.pk, action="auto_hide")
    for thread, reason, note in [(threads[3], "personal_data", "Příspěvek uvádí jméno klientky."),
                                 (threads[6], "off_topic", "")]:
        target = by_thread[thread.pk][-1]
        Flag.objects.create(content_type=post_type, object_id=target.pk, reporter=reporters[3], reason=reason,
                            note=note)
    # A first post of a new account, waiting for a moderator.
    newcomer = by_email.get("verejnost@demo.invalid")
    if newcomer:
        pending = renderer.post(thread=threads[1], author=newcomer, created_at=now - dt.timedelta(hours=2),
                                body="Dobrý den, jsem tu nová. Můžu se zeptat, kde najdu volná místa "
                                     "v odlehčovacích službách na Berounsku?")
        pending.is_pending = True
        pending.save()
    # Everyone of the demo logins has accepted the rules; a few watch threads and categories.
    ForumProfile.objects.bulk_create([ForumProfile(user=person, accepted_rules_at=now)
                                      for person in ctx.data["people"]], batch_size=2000)
    watcher = by_email.get("overeny@demo.invalid")
    if watcher:
        Watch.objects.bulk_create([Watch(user=watcher, thread=thread) for thread in threads[:3]]
                                  + [Watch(user=watcher, category=categories["bydleni"])])
