"""The guide's first texts: groups, crisis contacts and about forty life situations, in Czech and English.

Real content, not demo data: it is loaded by migration 0002 (and again after a test flush, see guide/apps.py)
with `guide.loader.load_content()`, which creates what is missing and never overwrites a text an editor has
changed in the admin (rows are matched by slug or by phone number). From then on the coordinators own the
texts in the admin; this file is only the starting point.

Service types are named by their number in the MPSV codelist (`DruhSocialniSluzby/<n>`, see
services/data/service_types.csv), target and age groups likewise. Every fit gets the type's general sentence
(TYPE_EXPLANATIONS) unless the situation says something more specific.
"""

REVIEW_MONTHS = 12

GROUPS = [
    ("stari-a-pece", "Stáří a péče", "Ageing and care"),
    ("postizeni", "Zdravotní postižení", "Disability"),
    ("bydleni", "Bydlení a bezdomovectví", "Housing and homelessness"),
    ("dluhy-a-penize", "Dluhy a peníze", "Debts and money"),
    ("rodina-a-deti", "Rodina a ohrožené děti", "Family and children at risk"),
    ("nasili-a-krize", "Násilí a krize", "Violence and crisis"),
    ("zavislosti", "Závislosti", "Addiction"),
    ("dusevni-zdravi", "Duševní zdraví", "Mental health"),
    ("odchod-z-instituce", "Odchod z ústavu, domova nebo vězení", "Leaving an institution"),
    ("pecujici", "Péče o blízkého", "Caring for a relative"),
]

# key → contact. Only well-known public numbers; hours only where they are certain.
CONTACTS = {
    "155": dict(name=("Zdravotnická záchranná služba", "Emergency medical service"), phone="155",
                hours=("nonstop", "24/7"), emergency=True, order=1,
                description=("Ohrožení života nebo zdraví.", "A threat to life or health.")),
    "158": dict(name=("Policie ČR", "Police"), phone="158", hours=("nonstop", "24/7"), emergency=True, order=2,
                description=("Násilí, ohrožení, trestný čin.", "Violence, threats, a crime.")),
    "112": dict(name=("Jednotné evropské číslo tísňového volání", "European emergency number"), phone="112",
                hours=("nonstop", "24/7"), emergency=True, order=3,
                description=("Funguje i bez kreditu a v cizině; domluvíte se i anglicky.",
                             "Works without credit and abroad; operators also speak English.")),
    "116123": dict(name=("Linka první psychické pomoci", "First psychological aid line"), phone="116 123",
                   hours=("", ""), order=10, empty_search=True, web="https://www.linkapsychickepomoci.cz/",
                   description=("Pro dospělé v krizi, kteří potřebují hned mluvit s někým, kdo pomůže. Zdarma.",
                                "For adults in crisis who need to talk to someone who helps, now. Free of charge.")),
    "116111": dict(name=("Linka bezpečí", "Linka bezpečí (children's helpline)"), phone="116 111",
                   hours=("nonstop", "24/7"), order=11, empty_search=True, web="https://www.linkabezpeci.cz/",
                   description=("Pro děti a studenty do 26 let. Zdarma a anonymně.",
                                "For children and students up to 26. Free and anonymous.")),
    "116000": dict(name=("Linka pro rodinu a školu", "Family and school helpline"), phone="116 000",
                   hours=("", ""), order=12, web="https://www.linkabezpeci.cz/",
                   description=("Pro rodiče a učitele, když si nevědí rady s dítětem nebo se dítě ztratilo.",
                                "For parents and teachers who do not know what to do with a child, or when a "
                                "child has gone missing.")),
    "116006": dict(name=("Linka pomoci obětem kriminality a domácího násilí", "Helpline for victims of crime and "
                         "domestic violence"), phone="116 006", hours=("nonstop", "24/7"), order=13,
                   empty_search=True, web="https://www.bkb.cz/",
                   description=("Provozuje Bílý kruh bezpečí. Pro oběti násilí a trestných činů i jejich blízké.",
                                "Run by Bílý kruh bezpečí. For victims of violence and crime and their "
                                "families.")),
    "senior": dict(name=("Senior telefon", "Senior telefon (helpline for older people)"), phone="800 157 157",
                   hours=("", ""), order=14, web="https://www.elpida.cz/",
                   description=("Provozuje Elpida. Pro seniory a jejich blízké. Zdarma.",
                                "Run by Elpida. For older people and their families. Free of charge.")),
}

TYPE_EXPLANATIONS = {
    1: ("Poradna vám zdarma vysvětlí, jaké máte možnosti, a pomůže s úřady, žádostmi nebo dluhy.",
        "A counselling office explains your options free of charge and helps with offices, applications or "
        "debts."),
    3: ("Asistent pomáhá doma i venku se vším, co člověk sám nezvládne, v čase, kdy to potřebuje.",
        "An assistant helps at home and outside with whatever the person cannot manage alone, when they need "
        "it."),
    4: ("Pečovatelka chodí domů a pomůže s hygienou, jídlem, nákupem nebo úklidem.",
        "A care worker comes to the home to help with washing, meals, shopping or cleaning."),
    5: ("Tlačítko na ruce přivolá pomoc, když člověk upadne nebo mu je zle.",
        "A button worn on the wrist calls help when the person falls or feels unwell."),
    6: ("Průvodce doprovodí člověka k lékaři nebo na úřad, případně mu předčítá.",
        "A guide goes with the person to the doctor or to offices, or reads to them."),
    7: ("Pracovník pomáhá zvládat vlastní domácnost: peníze, nákupy, úřady a vaření.",
        "A support worker helps with running one's own home: money, shopping, offices and cooking."),
    8: ("Převezmou péči na několik hodin nebo dní, abyste si mohli odpočinout nebo vyřídit své věci.",
        "They take over the care for a few hours or days so that you can rest or see to your own matters."),
    9: ("Přes den nabízí program, společnost a pomoc s hygienou; večer je člověk doma.",
        "During the day it offers activities, company and help with washing; in the evening the person is "
        "home."),
    10: ("Přes den se o člověka postarají a večer se vrací domů, takže pečující může pracovat.",
         "They look after the person during the day and he or she goes home in the evening, so the carer can "
         "work."),
    11: ("Člověk bydlí přes týden v zařízení s péčí a víkendy tráví doma.",
         "The person stays in the facility with care during the week and spends weekends at home."),
    12: ("Trvalé bydlení s péčí pro lidi s postižením, kteří potřebují pomoc stále.",
         "A permanent home with care for people with disabilities who need help all the time."),
    13: ("Trvalé bydlení s celodenní péčí pro seniory, kteří už nemohou žít doma.",
         "A permanent home with round-the-clock care for older people who can no longer live at home."),
    14: ("Domov s péčí přizpůsobenou lidem s demencí, duševní nemocí nebo závislostí.",
         "A home with care adapted to people with dementia, mental illness or addiction."),
    15: ("Bydlení v bytě nebo domku s podporou pracovníků, kolik jí člověk potřebuje.",
         "Living in a flat or house with as much support from staff as the person needs."),
    16: ("Po nemocnici může člověk zůstat na sociálním lůžku, dokud se nenajde péče doma nebo v domově.",
         "After hospital the person can stay in a social care bed until care at home or in a home is found."),
    17: ("Poradkyně jezdí do rodiny a pomáhá s vývojem dítěte s postižením od narození do 7 let.",
         "An adviser visits the family and supports the development of a child with a disability from birth "
         "to seven."),
    18: ("Na lince vás vyslechnou a pomohou hned, i anonymně a v noci.",
         "On the line someone listens and helps at once, anonymously and at night too."),
    19: ("Tlumočník znakového jazyka nebo jiné formy komunikace pomůže domluvit se.",
         "An interpreter of sign language or another form of communication helps people understand each "
         "other."),
    20: ("Dočasné ubytování s pomocí sociálního pracovníka, než najdete nové bydlení.",
         "Temporary accommodation with a social worker's help until you find a new home."),
    21: ("Bydlení a podpora pro mladé lidi do 26 let po odchodu z dětského domova nebo ústavu.",
         "Housing and support for young people up to 26 who leave a children's home or an institution."),
    22: ("Anonymní pomoc lidem, kteří berou drogy, i jejich blízkým, bez čekání a bez odsuzování.",
         "Anonymous help for people who use drugs and for their families, without waiting and without "
         "judging."),
    23: ("Krizové centrum pomůže hned, když je situace neúnosná, někdy i s přespáním.",
         "A crisis centre helps at once when a situation is unbearable, sometimes with a place to stay."),
    24: ("Přes den se můžete najíst, umýt, vyprat a poradit se sociálním pracovníkem.",
         "During the day you can eat, wash, do your laundry and talk to a social worker."),
    25: ("Klub pro děti a mladé, kde je bezpečno a kde se dá mluvit o tom, co je trápí.",
         "A club for children and young people where they are safe and can talk about what troubles them."),
    26: ("Přespání v teple na noc, s možností umýt se; přijít lze večer.",
         "A warm place to sleep for the night, with a chance to wash; you come in the evening."),
    27: ("Podpora po léčbě závislosti nebo po psychiatrické léčbě, aby návrat do života vydržel.",
         "Support after addiction treatment or psychiatric treatment, so that the return to everyday life "
         "lasts."),
    28: ("Pracovník dochází do rodiny a pomáhá s výchovou, penězi, školou a domácností.",
         "A worker visits the family and helps with bringing up the children, money, school and the "
         "household."),
    29: ("Setkávání, kurzy a výlety, aby člověk nezůstal sám a zůstal aktivní.",
         "Meetings, courses and trips so that the person is not alone and stays active."),
    30: ("Dílna, kde si lidé s postižením trénují pracovní návyky a dovednosti.",
         "A workshop where people with disabilities practise work habits and skills."),
    31: ("Dlouhodobý pobyt v komunitě, kde se lidé zotavují ze závislosti.",
         "A long stay in a community where people recover from addiction."),
    32: ("Pracovníci přijdou za lidmi tam, kde jsou (na ulici, na ubytovnu), a pomohou na místě.",
         "Workers come to people where they are (in the street, in a hostel) and help on the spot."),
    33: ("Nácvik dovedností pro samostatný život a práci po nemoci, úrazu nebo s postižením.",
         "Training in skills for independent life and work after an illness or injury, or with a "
         "disability."),
}

LAW_108 = "- [Zákon č. 108/2006 Sb., o sociálních službách](https://www.zakonyprolidi.cz/cs/2006-108)"
LAW_111 = "- [Zákon č. 111/2006 Sb., o pomoci v hmotné nouzi](https://www.zakonyprolidi.cz/cs/2006-111)"
LAW_359 = "- [Zákon č. 359/1999 Sb., o sociálně-právní ochraně dětí](https://www.zakonyprolidi.cz/cs/1999-359)"
LAW_182 = "- [Zákon č. 182/2006 Sb., insolvenční zákon](https://www.zakonyprolidi.cz/cs/2006-182)"
LAW_120 = "- [Zákon č. 120/2001 Sb., exekuční řád](https://www.zakonyprolidi.cz/cs/2001-120)"
LAW_273 = "- [Zákon č. 273/2008 Sb., o Policii České republiky (vykázání)](https://www.zakonyprolidi.cz/cs/2008-273)"
LAW_45 = "- [Zákon č. 45/2013 Sb., o obětech trestných činů](https://www.zakonyprolidi.cz/cs/2013-45)"
LAW_187 = ("- [Zákon č. 187/2006 Sb., o nemocenském pojištění (dlouhodobé ošetřovné)]"
           "(https://www.zakonyprolidi.cz/cs/2006-187)")
LAW_435 = "- [Zákon č. 435/2004 Sb., o zaměstnanosti](https://www.zakonyprolidi.cz/cs/2004-435)"
MPSV = "- [Ministerstvo práce a sociálních věcí](https://www.mpsv.cz/)"
UP = "- [Úřad práce ČR](https://www.uradprace.cz/)"


def _steps(*lines):
    return "\n".join(lines)


# Each situation: slug, group, urgency, name/summary/description/steps as (cs, en), synonyms (one per line),
# types [(number, "first"|"also") or (number, rank, (cs, en))], targets and ages (codelist numbers),
# contacts (keys of CONTACTS), related (slugs), sources (markdown).
SITUATIONS = [
    # --- Ageing and care ---------------------------------------------------------------------------
    dict(
        slug="rodic-uz-nezvlada-byt-sam-doma", group="stari-a-pece", urgency="days",
        name=("Maminka nebo tatínek už nemůže být sám doma", "My mother or father can no longer live alone"),
        summary=("Rodič zapomíná, padá nebo nezvládá jídlo a hygienu. Nemusíte to zvládat sami: pomoc může "
                 "chodit domů.",
                 "Your parent forgets, falls or cannot manage meals and washing. You do not have to cope "
                 "alone: help can come to the home."),
        description=(
            "Většina lidí chce zůstat doma co nejdéle. Často to jde, když někdo pomůže s tím, co už člověk "
            "sám nezvládne.\n\nNejdřív si ujasněte, s čím přesně rodič potřebuje pomoct a kdy: ráno s "
            "hygienou, s obědem, s léky, v noci? Podle toho vyberete službu. Na pomoc doma se platí podle "
            "rozsahu; na úhradu slouží příspěvek na péči.",
            "Most people want to stay at home as long as possible. Often they can, when someone helps with "
            "what they can no longer do alone.\n\nFirst work out what exactly your parent needs help with, "
            "and when: washing in the morning, lunch, medicines, at night? That tells you which service fits. "
            "Help at home is paid by the hour; the care allowance (příspěvek na péči) helps pay for it."),
        steps=(_steps(
            "Promluvte si s rodičem, s čím chce pomoct a co si přeje. Rozhoduje on.",
            "Zavolejte sociálnímu pracovníkovi vašeho obecního úřadu. Poradí, jaké služby v okolí jsou, a "
            "pomůže s dalším postupem.",
            "Domluvte pečovatelskou službu nebo osobní asistenci. Začít se dá i s několika hodinami týdně.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči. Žádost podejte hned, vyřízení trvá měsíce.",
            "Promluvte si s praktickým lékařem rodiče o zdraví, lécích a pomůckách (chodítko, polohovací "
            "postel).",
            "Když je rodičovi náhle zle nebo upadl a nemůže vstát, volejte 155."),
            _steps(
            "Talk with your parent about what help they want. It is their decision.",
            "Call the social worker at your municipal office (obecní úřad). They know the services nearby and "
            "help with the next steps.",
            "Arrange a home care service or personal assistance. You can start with a few hours a week.",
            "Apply for the care allowance (příspěvek na péči) at the Labour Office (Úřad práce ČR). Apply "
            "now: it takes months.",
            "Talk to your parent's GP about health, medicines and aids (a walker, an adjustable bed).",
            "If your parent suddenly feels very unwell or has fallen and cannot get up, call 155.")),
        synonyms="maminka uz nemuze byt sama doma\ntatinek uz nemuze byt sam doma\nmama nezvlada byt sama\n"
                 "rodic nezvlada domacnost\nbabicka nemuze byt sama doma\ndedecek sam doma\nsenior sam doma\n"
                 "mama upadla doma\nmaminka zapomina\nstary rodic potrebuje pomoc\npomoc pro rodice doma",
        types=[(4, "first"), (3, "first"), (5, "also"), (10, "also"), (8, "also"), (13, "also")],
        targets=[24], ages=[10, 11], contacts=["155", "senior"],
        related=["chci-se-o-seniora-starat-doma", "hledam-domov-pro-seniory", "prispevek-na-peci",
                 "blizky-ma-demenci"],
        sources=_steps(LAW_108, UP, MPSV),
    ),
    dict(
        slug="chci-se-o-seniora-starat-doma", group="stari-a-pece", urgency="planned",
        name=("Chci se o seniora starat doma", "I want to care for an older person at home"),
        summary=("Péče doma je náročná. Služby mohou část péče převzít a vy si můžete odpočinout.",
                 "Caring at home is demanding. Services can take over part of the care and give you a "
                 "rest."),
        description=(
            "Péče o blízkého doma je možná, když na ni nejste sami. Pečovatelka může chodit na hygienu nebo "
            "s obědem, denní stacionář se postará přes den a odlehčovací služba vás zastoupí, když si "
            "potřebujete odpočinout.\n\nNa péči můžete dostat peníze: příspěvek na péči dostává ten, o koho "
            "pečujete, a z něj se služby platí.",
            "Caring for someone at home is possible when you are not alone in it. A care worker can come for "
            "washing or with lunch, a day care centre looks after the person during the day, and respite care "
            "stands in when you need a break.\n\nThere is money for care: the person you care for receives the "
            "care allowance, and it pays for the services."),
        steps=(_steps(
            "Sepište, s čím senior potřebuje pomoc během dne a noci.",
            "Poraďte se se sociálním pracovníkem obecního úřadu nebo v poradně pro pečující.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči pro seniora.",
            "Domluvte pečovatelskou službu na to, co sami nestíháte.",
            "Naplánujte si odpočinek: odlehčovací služba převezme péči na dny i týdny."),
            _steps(
            "Write down what the older person needs help with during the day and night.",
            "Talk to the social worker at the municipal office or to a counselling service for carers.",
            "Apply for the care allowance for the older person at the Labour Office (Úřad práce ČR).",
            "Arrange a home care service for what you cannot manage yourself.",
            "Plan your own rest: respite care takes over for days or weeks.")),
        synonyms="pece o seniora doma\nstarat se o mamu doma\nstarat se o tatu doma\ndomaci pece o seniora\n"
                 "pecuji o babicku\nchci pecovat doma\npece o rodice doma",
        types=[(4, "first"), (8, "first"), (3, "also"), (10, "also"), (9, "also"), (1, "also")],
        targets=[24, 26], ages=[10, 11], contacts=["senior"],
        related=["rodic-uz-nezvlada-byt-sam-doma", "pecujici-uz-nemuze", "prispevek-na-peci"],
        sources=_steps(LAW_108, UP),
    ),
    dict(
        slug="po-mrtvici", group="stari-a-pece", urgency="days",
        name=("Blízký je po mrtvici", "My relative has had a stroke"),
        summary=("Po mrtvici se člověk často vrací domů s omezením. Péči je dobré domluvit ještě v nemocnici.",
                 "After a stroke people often come home with new limits. Arrange the care while they are "
                 "still in hospital."),
        description=(
            "Po mozkové mrtvici se mnoho lidí zlepšuje ještě měsíce. Doma ale zpočátku potřebují pomoc s "
            "pohybem, hygienou nebo řečí.\n\nZačněte v nemocnici: sociální pracovnice nemocnice poradí, kam "
            "dál. Když domov ještě není připravený, může člověk přejít na sociální lůžko nebo do "
            "odlehčovací služby.",
            "Many people keep improving for months after a stroke. At first, though, they need help at home "
            "with moving, washing or speech.\n\nStart in the hospital: its social worker advises where to go "
            "next. If the home is not ready yet, the person can move to a social care bed or to respite care."),
        steps=(_steps(
            "Ještě před propuštěním mluvte se sociální pracovnicí nemocnice.",
            "Pokud budete o blízkého pečovat, požádejte lékaře v nemocnici o dlouhodobé ošetřovné.",
            "Domluvte pečovatelskou službu nebo osobní asistenci na první týdny doma.",
            "Zeptejte se na rehabilitaci a pomůcky: předepisuje je lékař.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči.",
            "Při nových příznacích mrtvice (pokleslý koutek, slabá ruka, nesrozumitelná řeč) volejte hned "
            "155."),
            _steps(
            "Before discharge, talk to the hospital's social worker.",
            "If you will care for your relative, ask the hospital doctor for long-term carer's benefit "
            "(dlouhodobé ošetřovné).",
            "Arrange a home care service or personal assistance for the first weeks at home.",
            "Ask about rehabilitation and aids: a doctor prescribes them.",
            "Apply for the care allowance at the Labour Office (Úřad práce ČR).",
            "At new signs of a stroke (a drooping face, a weak arm, slurred speech) call 155 at once.")),
        synonyms="tata po mrtvici\nmama po mrtvici\nmozkova mrtvice\nmrtvice\ncevni mozkova prihoda\ncmp\n"
                 "ochrnuti po mrtvici\nmrtvice co dal",
        types=[(4, "first"), (3, "first"), (16, "also"), (8, "also"), (33, "also"), (5, "also")],
        targets=[11, 15, 24], ages=[9, 10, 11], contacts=["155"],
        related=["propousteji-z-nemocnice", "rodic-uz-nezvlada-byt-sam-doma", "prispevek-na-peci"],
        sources=_steps(LAW_108, LAW_187, UP),
    ),
    dict(
        slug="propousteji-z-nemocnice", group="stari-a-pece", urgency="days",
        name=("Blízkého propouštějí z nemocnice a doma to nezvládneme",
              "My relative is leaving hospital and we cannot manage at home"),
        summary=("Nemocnice může člověka propustit dřív, než je doma vše připravené. Existují mezikroky.",
                 "Hospitals may discharge a person before everything is ready at home. There are steps in "
                 "between."),
        description=(
            "Když člověk po nemocnici nezvládne být doma, nemusí hned do domova pro seniory. Může přejít na "
            "sociální lůžko v nemocnici nebo na několik týdnů do odlehčovací služby.\n\nMezitím se doma "
            "připraví péče a pomůcky.",
            "When someone cannot manage at home after hospital, they do not have to move to a care home at "
            "once. They can move to a social care bed in the hospital or to respite care for a few weeks.\n\n"
            "Meanwhile care and aids are arranged at home."),
        steps=(_steps(
            "Požádejte o rozhovor se sociální pracovnicí nemocnice hned, jak víte o propuštění.",
            "Zeptejte se na sociální lůžko nebo na přechod do odlehčovací služby.",
            "Požádejte lékaře v nemocnici o dlouhodobé ošetřovné, pokud budete pečovat.",
            "Domluvte pečovatelskou službu a pomůcky na doma."),
            _steps(
            "Ask to see the hospital's social worker as soon as you know about the discharge.",
            "Ask about a social care bed or a move to respite care.",
            "Ask the hospital doctor for long-term carer's benefit if you are going to care.",
            "Arrange a home care service and aids for the home.")),
        synonyms="propusteni z nemocnice\npropousteji z nemocnice\npo nemocnici\npo operaci doma\n"
                 "socialni luzko\nnemocnice propusti mamu",
        types=[(16, "first"), (8, "first"), (4, "also"), (3, "also")],
        targets=[11, 24], ages=[9, 10, 11], contacts=[],
        related=["po-mrtvici", "hledam-domov-pro-seniory"],
        sources=_steps(LAW_108, LAW_187),
    ),
    dict(
        slug="blizky-ma-demenci", group="stari-a-pece", urgency="planned",
        name=("Blízký má demenci nebo Alzheimerovu nemoc", "My relative has dementia or Alzheimer's disease"),
        summary=("Zapomínání, bloudění, zmatenost. Péče o člověka s demencí potřebuje podporu a přestávky.",
                 "Forgetting, wandering, confusion. Caring for someone with dementia needs support and "
                 "breaks."),
        description=(
            "Demence se postupně zhoršuje. Zpočátku stačí dohled a pomoc doma, později bývá potřeba péče "
            "nepřetržitá.\n\nNejdřív je dobré mít diagnózu od lékaře. Pak můžete plánovat péči a využít "
            "služby, které jsou na demenci připravené.",
            "Dementia gets worse step by step. At first supervision and help at home are enough; later "
            "round-the-clock care is often needed.\n\nFirst get a diagnosis from a doctor. Then you can plan "
            "the care and use services prepared for dementia."),
        steps=(_steps(
            "Objednejte blízkého k praktickému lékaři; ten doporučí vyšetření u neurologa nebo psychiatra.",
            "Poraďte se v poradně o tom, jak s člověkem s demencí mluvit a jak upravit domácnost.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči.",
            "Domluvte si odlehčovací službu nebo denní stacionář, abyste měli čas pro sebe.",
            "Když péče doma přestane stačit, hledejte domov se zvláštním režimem. Bývají čekací lhůty."),
            _steps(
            "Book an appointment with the GP; they will refer your relative to a neurologist or psychiatrist.",
            "Get advice on talking with a person with dementia and adapting the home.",
            "Apply for the care allowance at the Labour Office (Úřad práce ČR).",
            "Arrange respite care or a day care centre so that you have time for yourself.",
            "When care at home is no longer enough, look for a home with a special regime. There are often "
            "waiting lists.")),
        synonyms="demence\nalzheimer\nalzheimerova nemoc\nmama zapomina\ntata bloudi\nbloudi\nzmatenost\n"
                 "starecka demence",
        types=[(8, "first"), (10, "first"), (14, "also"), (4, "also"), (1, "also")],
        targets=[30, 24, 26], ages=[10, 11], contacts=["senior"],
        related=["rodic-uz-nezvlada-byt-sam-doma", "pecujici-uz-nemuze", "hledam-domov-pro-seniory"],
        sources=_steps(LAW_108, UP),
    ),
    dict(
        slug="hledam-domov-pro-seniory", group="stari-a-pece", urgency="planned",
        name=("Hledám domov pro seniory", "I am looking for a care home"),
        summary=("Když péče doma nestačí, pomůže domov pro seniory. Žádost podejte včas, bývají pořadníky.",
                 "When care at home is not enough, a care home helps. Apply early: there are waiting lists."),
        description=(
            "Domov pro seniory poskytuje bydlení, stravu a péči nepřetržitě. Přijímá lidi, kteří potřebují "
            "pravidelnou pomoc druhého člověka.\n\nŽádost se podává přímo domovu; můžete podat žádosti do "
            "více domovů najednou. Rozhoduje potřeba péče, ne pořadí podání.",
            "A care home offers housing, meals and care around the clock. It takes people who need regular "
            "help from another person.\n\nYou apply directly to the home, and you can apply to several at "
            "once. The need for care decides, not the date of the application."),
        steps=(_steps(
            "Zeptejte se seniora, zda a kam chce. Bez jeho souhlasu do domova nastoupit nemůže.",
            "Vyberte několik domovů a podívejte se na ně osobně.",
            "Podejte žádosti; lékař vyplní vyjádření o zdravotním stavu.",
            "Mezitím domluvte odlehčovací službu nebo pomoc doma."),
            _steps(
            "Ask the older person whether they want to go and where. They cannot be admitted without consent.",
            "Choose a few homes and visit them in person.",
            "Submit the applications; a doctor fills in a statement about the person's health.",
            "Meanwhile arrange respite care or help at home.")),
        synonyms="domov pro seniory\ndomov duchodcu\ndd\nstarobinec\numistit mamu do domova\n"
                 "misto v domove pro seniory\nvolne misto domov seniori",
        types=[(13, "first"), (14, "also"), (8, "also"), (16, "also")],
        targets=[24, 30], ages=[10, 11], contacts=[],
        related=["rodic-uz-nezvlada-byt-sam-doma", "blizky-ma-demenci"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="senior-je-osamely", group="stari-a-pece", urgency="planned",
        name=("Senior je osamělý", "An older person is lonely"),
        summary=("Samota škodí zdraví. Pomůže společnost, kluby, kurzy i telefonát.",
                 "Loneliness harms health. Company, clubs, courses and a phone call help."),
        description=(
            "Mnoho starších lidí tráví dny sami. Kluby a aktivizační služby nabízejí setkávání a program.\n\n"
            "Když je samota těžká hned teď, pomůže i rozhovor po telefonu.",
            "Many older people spend their days alone. Clubs and activation services offer meetings and "
            "activities.\n\nWhen loneliness is hard right now, a phone conversation helps too."),
        steps=(_steps(
            "Zeptejte se na obecním úřadě na kluby seniorů a akce v obci.",
            "Vyhledejte sociálně aktivizační službu nebo centrum denních služeb.",
            "Když je smutno hned teď, volejte Senior telefon 800 157 157."),
            _steps(
            "Ask the municipal office about clubs for older people and events.",
            "Look for a social activation service or a day service centre.",
            "When it is hard right now, call Senior telefon 800 157 157.")),
        synonyms="osamelost\nsamota\nsenior sam\nnema s kym mluvit\nosamely senior\nbabicka je sama",
        types=[(29, "first"), (9, "also"), (18, "also")],
        targets=[24], ages=[10, 11], contacts=["senior"],
        related=["rodic-uz-nezvlada-byt-sam-doma", "smutek-a-uzkost"],
        sources=_steps(LAW_108),
    ),
    # --- Disability --------------------------------------------------------------------------------
    dict(
        slug="dite-s-postizenim", group="postizeni", urgency="planned",
        name=("Naše dítě má postižení nebo se vyvíjí jinak", "Our child has a disability or develops "
              "differently"),
        summary=("Raná péče pomáhá rodinám s dětmi s postižením od narození do sedmi let, doma a zdarma.",
                 "Early intervention helps families of children with disabilities from birth to seven, at "
                 "home and free of charge."),
        description=(
            "Když se dítě narodí s postižením nebo se vyvíjí jinak, rodiče mají mnoho otázek. Raná péče "
            "posílá poradkyni přímo do rodiny.\n\nPomáhá s vývojem dítěte, s pomůckami, s úřady i s tím, jak "
            "to rodina zvládá.",
            "When a child is born with a disability or develops differently, parents have many questions. "
            "Early intervention sends an adviser to the family's home.\n\nShe helps with the child's "
            "development, aids, offices and with how the family copes."),
        steps=(_steps(
            "Ozvěte se službě rané péče; je zdarma a přijede za vámi.",
            "Se svým pediatrem domluvte vyšetření u specialistů.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči pro dítě.",
            "Zeptejte se na odlehčovací službu, když potřebujete čas pro sebe nebo sourozence."),
            _steps(
            "Contact an early intervention service; it is free and comes to you.",
            "Arrange examinations by specialists through your paediatrician.",
            "Apply for the care allowance for the child at the Labour Office (Úřad práce ČR).",
            "Ask about respite care when you need time for yourself or for the siblings.")),
        synonyms="dite s postizenim\npostizene dite\nvyvojove opozdeni\nautismus\nautista\nrana pece\n"
                 "dite se vyviji jinak\nnarodilo se nam postizene dite",
        types=[(17, "first"), (8, "also"), (3, "also"), (1, "also")],
        targets=[17, 13, 23], ages=[1, 2, 3, 4], contacts=[],
        related=["potrebuji-asistenci", "pecujici-uz-nemuze"],
        sources=_steps(LAW_108, UP),
    ),
    dict(
        slug="potrebuji-asistenci", group="postizeni", urgency="planned",
        name=("Kvůli postižení potřebuji pomoc s běžným dnem", "I need help with everyday life because of a "
              "disability"),
        summary=("Osobní asistence umožňuje žít doma, chodit do školy nebo do práce i s velkým postižením.",
                 "Personal assistance lets you live at home, study or work even with a severe disability."),
        description=(
            "Osobní asistent pomáhá tam, kde je potřeba: doma, cestou, ve škole nebo v práci. Rozsah a čas "
            "si domluvíte vy.\n\nSlužbu platíte z příspěvku na péči.",
            "A personal assistant helps wherever needed: at home, on the way, at school or at work. You agree "
            "on the hours.\n\nYou pay for it from the care allowance."),
        steps=(_steps(
            "Sepište, kdy a s čím potřebujete pomoc.",
            "Oslovte služby osobní asistence v okolí; ptejte se na volné hodiny.",
            "Požádejte na Úřadu práce ČR o příspěvek na péči, pokud ho ještě nemáte.",
            "Zeptejte se na tísňovou péči, když bývá nebezpečné být chvíli sám."),
            _steps(
            "Write down when and with what you need help.",
            "Contact personal assistance services nearby; ask about free hours.",
            "Apply for the care allowance at the Labour Office (Úřad práce ČR) if you do not have it yet.",
            "Ask about an emergency alarm service if being alone for a while is risky.")),
        synonyms="osobni asistence\nosobni asistent\nvozickar\npotrebuji asistenta\nnemohu chodit\n"
                 "telesne postizeni",
        types=[(3, "first"), (4, "also"), (5, "also"), (6, "also")],
        targets=[15, 13, 17], ages=[7, 8, 9], contacts=[],
        related=["chci-bydlet-samostatne", "prace-s-postizenim"],
        sources=_steps(LAW_108, UP),
    ),
    dict(
        slug="chci-bydlet-samostatne", group="postizeni", urgency="planned",
        name=("Dospělý s postižením chce bydlet samostatně", "An adult with a disability wants to live "
              "independently"),
        summary=("Vlastní bydlení je možné i s mentálním postižením, s podporou podle potřeby.",
                 "A home of one's own is possible with an intellectual disability too, with support as "
                 "needed."),
        description=(
            "Dospělí lidé s postižením často bydlí u rodičů nebo v ústavu, i když by zvládli vlastní byt s "
            "podporou.\n\nPodpora samostatného bydlení chodí do bytu člověka. Chráněné bydlení nabízí byt "
            "služby s pracovníky nablízku.",
            "Adults with disabilities often live with their parents or in an institution although they could "
            "manage their own flat with support.\n\nSupported independent living comes to the person's own "
            "flat. Sheltered housing offers the service's flat with staff nearby."),
        steps=(_steps(
            "Promluvte si o přání bydlet samostatně; rozhoduje ten, kdo bude bydlet.",
            "Vyzkoušejte nácvik dovedností v sociální rehabilitaci.",
            "Oslovte podporu samostatného bydlení nebo chráněné bydlení v okolí.",
            "Zeptejte se na obecním úřadě na obecní byty."),
            _steps(
            "Talk about the wish to live independently; the person who will live there decides.",
            "Practise everyday skills in social rehabilitation.",
            "Contact supported independent living or sheltered housing nearby.",
            "Ask the municipal office about council flats.")),
        synonyms="chranene bydleni\nsamostatne bydleni\nbydleni s podporou\nmentalni postizeni bydleni\n"
                 "syn s postizenim chce bydlet sam",
        types=[(7, "first"), (15, "first"), (33, "also"), (30, "also")],
        targets=[14, 13, 10], ages=[8, 9], contacts=[],
        related=["odchod-z-ustavu", "prace-s-postizenim"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="prace-s-postizenim", group="postizeni", urgency="planned",
        name=("Hledám práci nebo smysluplnou činnost s postižením", "I am looking for work or meaningful "
              "activity with a disability"),
        summary=("Sociálně terapeutické dílny a sociální rehabilitace pomáhají k práci a pravidelnému dni.",
                 "Social therapy workshops and social rehabilitation help towards work and a regular day."),
        description=(
            "Práce dává dnu řád a člověku sebevědomí. Kdo na běžnou práci zatím nestačí, může začít v dílně.\n\n"
            "Sociální rehabilitace pomáhá najít práci a udržet si ji.",
            "Work gives the day a structure and a person confidence. Someone not yet ready for an ordinary job "
            "can start in a workshop.\n\nSocial rehabilitation helps to find a job and keep it."),
        steps=(_steps(
            "Registrujte se na Úřadu práce ČR; má poradce pro lidi se zdravotním postižením.",
            "Vyzkoušejte sociálně terapeutickou dílnu.",
            "Požádejte službu sociální rehabilitace o podporu při hledání práce."),
            _steps(
            "Register at the Labour Office (Úřad práce ČR); it has advisers for people with disabilities.",
            "Try a social therapy workshop.",
            "Ask a social rehabilitation service for support in finding work.")),
        synonyms="prace s postizenim\nchranena dilna\nzamestnani postizeni\nchranene misto\nprace pro invalidu",
        types=[(33, "first"), (30, "first"), (1, "also")],
        targets=[14, 17, 10], ages=[8, 9], contacts=[],
        related=["chci-bydlet-samostatne", "dusevni-nemoc-navrat"],
        sources=_steps(LAW_108, LAW_435),
    ),
    dict(
        slug="spatne-vidim-nebo-slysim", group="postizeni", urgency="planned",
        name=("Špatně vidím nebo neslyším", "I cannot see or hear well"),
        summary=("Pomůže průvodce, předčítání, tlumočník znakového jazyka i nácvik samostatnosti.",
                 "A guide, reading services, a sign-language interpreter and independence training help."),
        description=(
            "Ztráta zraku nebo sluchu mění každodenní život. Lze se naučit nové způsoby, jak se pohybovat, "
            "číst a domlouvat.\n\nSlužby pomohou i s úřady a pomůckami.",
            "Losing sight or hearing changes everyday life. New ways of moving around, reading and "
            "communicating can be learnt.\n\nServices also help with offices and aids."),
        steps=(_steps(
            "Oslovte sociální rehabilitaci pro lidi se zrakovým nebo sluchovým postižením.",
            "Domluvte si tlumočníka nebo průvodce, když jdete na úřad či k lékaři.",
            "Zeptejte se na Úřadu práce ČR na příspěvek na zvláštní pomůcku."),
            _steps(
            "Contact social rehabilitation for people with visual or hearing impairments.",
            "Book an interpreter or a guide when you go to an office or a doctor.",
            "Ask the Labour Office (Úřad práce ČR) about the allowance for special aids.")),
        synonyms="nevidomy\nslabozraky\nneslysici\nnedoslychavy\ntlumocnik znakoveho jazyka\nztrata zraku\n"
                 "hluchy\nslepy",
        types=[(6, "first"), (19, "first"), (33, "also"), (1, "also")],
        targets=[18, 16], ages=[8, 9, 10, 11], contacts=[],
        related=["potrebuji-asistenci"],
        sources=_steps(LAW_108, UP),
    ),
    # --- Housing -----------------------------------------------------------------------------------
    dict(
        slug="prisel-jsem-o-bydleni", group="bydleni", urgency="days",
        name=("Vyhodili mě z bytu, přišel jsem o bydlení", "I have been thrown out of my flat, I have lost my "
              "home"),
        summary=("Když nemáte kde bydlet, pomůže azylový dům, noclehárna a sociální pracovník obce.",
                 "When you have nowhere to live, a shelter, a night shelter and the municipality's social "
                 "worker help."),
        description=(
            "Přijít o bydlení je těžké a rychlé. Nejdřív je potřeba mít kde spát, pak hledat trvalé "
            "bydlení.\n\nAzylový dům poskytne ubytování na několik měsíců a pomoc s hledáním bydlení. "
            "Sociální pracovník obecního úřadu zná místní možnosti.",
            "Losing a home is hard and fast. First you need a place to sleep, then a lasting home.\n\nA shelter "
            "provides accommodation for a few months and helps you find housing. The social worker at the "
            "municipal office knows the local options."),
        steps=(_steps(
            "Na dnešní noc: zavolejte do noclehárny nebo azylového domu, zda mají místo.",
            "Jděte za sociálním pracovníkem obecního úřadu; pomůže i s dávkami.",
            "Požádejte na Úřadu práce ČR o jednorázovou pomoc v nouzi a o dávky na bydlení.",
            "Pokud vás někdo z bytu vyhodil násilím, volejte 158.",
            "Nechte si poradit v poradně, zda byla výpověď z nájmu platná."),
            _steps(
            "For tonight: call a night shelter or a shelter and ask whether they have a place.",
            "Go to the social worker at the municipal office; they help with benefits too.",
            "Ask the Labour Office (Úřad práce ČR) for one-off emergency help and housing benefits.",
            "If someone threw you out by force, call 158.",
            "Ask a counselling service whether the notice to leave was valid.")),
        synonyms="vyhodili me z bytu\nvyhodili me z domu\nprisel jsem o byt\nprisla jsem o bydleni\n"
                 "nemam kde bydlet\nvystehovani\nvyklizeni bytu\nvypoved z najmu\nnemam bydleni",
        types=[(20, "first"), (1, "first"), (26, "also"), (24, "also")],
        targets=[7, 19], ages=[8, 9, 10], contacts=["158"],
        related=["nemam-kde-spat", "hrozi-mi-ztrata-bydleni", "matka-s-detmi-bez-bydleni"],
        sources=_steps(LAW_108, LAW_111, UP),
    ),
    dict(
        slug="nemam-kde-spat", group="bydleni", urgency="days",
        name=("Dnes nemám kde spát", "I have nowhere to sleep tonight"),
        summary=("Noclehárna nabízí přespání v teple, denní centrum jídlo, sprchu a radu.",
                 "A night shelter offers a warm bed, a day centre food, a shower and advice."),
        description=(
            "Noclehárny přijímají večer, obvykle za malý poplatek. Přes den pomohou nízkoprahová denní centra.\n\n"
            "V zimě mají mnohá města zimní opatření s dalšími místy. Když je venku velký mráz a někomu je zle, "
            "volejte 155.",
            "Night shelters admit people in the evening, usually for a small fee. During the day low-threshold "
            "day centres help.\n\nIn winter many towns open extra places. When it is freezing and someone is "
            "unwell, call 155."),
        steps=(_steps(
            "Zavolejte nebo dojděte do noclehárny; přijďte včas večer.",
            "Přes den vyhledejte nízkoprahové denní centrum: jídlo, sprcha, praní, rada.",
            "Sociální pracovník centra nebo obecního úřadu pomůže s doklady a dávkami.",
            "Je-li někomu venku zle nebo je podchlazený, volejte 155."),
            _steps(
            "Call or go to a night shelter; come early in the evening.",
            "During the day find a low-threshold day centre: food, a shower, laundry, advice.",
            "The social worker of the centre or of the municipal office helps with documents and benefits.",
            "If someone outside is unwell or freezing, call 155.")),
        synonyms="nemam kde spat\nspim venku\nbezdomovec\nbez domova\nnocleh\nnoclehárna\nna ulici\n"
                 "kde prespat",
        types=[(26, "first"), (24, "first"), (32, "also"), (20, "also")],
        targets=[7], ages=[8, 9, 10], contacts=["155"],
        related=["prisel-jsem-o-bydleni", "nemam-na-jidlo"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="hrozi-mi-ztrata-bydleni", group="bydleni", urgency="days",
        name=("Hrozí mi, že přijdu o byt", "I may lose my flat"),
        summary=("Dluh na nájmu nebo výpověď se dá často řešit, když začnete hned.",
                 "Rent arrears or a notice can often be dealt with if you start now."),
        description=(
            "Čím dřív začnete, tím víc možností máte. Pronajímatel se často dohodne na splátkách.\n\nÚřad "
            "práce může pomoci s dávkami na bydlení; poradna vysvětlí, co výpověď znamená.",
            "The sooner you start, the more options you have. Landlords often agree to instalments.\n\nThe "
            "Labour Office can help with housing benefits; a counselling service explains what a notice "
            "means."),
        steps=(_steps(
            "Nepřestávejte komunikovat s pronajímatelem; navrhněte splátky písemně.",
            "Požádejte na Úřadu práce ČR o dávky na bydlení.",
            "Výpověď ukažte v poradně; má lhůty, které lze využít.",
            "Zeptejte se sociálního pracovníka obecního úřadu na obecní nebo sociální byty."),
            _steps(
            "Keep talking to the landlord; propose instalments in writing.",
            "Apply for housing benefits at the Labour Office (Úřad práce ČR).",
            "Show the notice to a counselling service; it has deadlines you can use.",
            "Ask the municipal social worker about council or social flats.")),
        synonyms="dluh na najmu\nvypoved z bytu\nnemam na najem\nneplatim najem\nhrozi vystehovani\n"
                 "prijdu o byt",
        types=[(1, "first"), (28, "also"), (32, "also")],
        targets=[19, 21, 23], ages=[8, 9, 10], contacts=[],
        related=["prisel-jsem-o-bydleni", "dluhy"],
        sources=_steps(LAW_108, UP),
    ),
    dict(
        slug="matka-s-detmi-bez-bydleni", group="bydleni", urgency="days",
        name=("Jsem sama s dětmi a nemáme kde bydlet", "I am alone with my children and we have nowhere to "
              "live"),
        summary=("Azylové domy pro matky s dětmi poskytnou bydlení i pomoc s dalším krokem.",
                 "Shelters for mothers with children provide housing and help with the next step."),
        description=(
            "Azylové domy pro rodiče s dětmi přijímají maminky i tatínky s dětmi. Rodina má vlastní pokoj a "
            "sociální pracovnici.\n\nKdyž odcházíte kvůli násilí, existují i domy s utajenou adresou.",
            "Shelters for parents with children take in mothers and fathers with their children. The family "
            "has its own room and a social worker.\n\nIf you are leaving because of violence, there are "
            "shelters with a secret address."),
        steps=(_steps(
            "Zavolejte do azylových domů pro matky s dětmi a zeptejte se na volné místo.",
            "Sociální pracovník obecního úřadu pomůže hledat i jinde.",
            "Požádejte na Úřadu práce ČR o dávky a jednorázovou pomoc v nouzi.",
            "Pokud utíkáte před násilím, volejte 158 nebo linku 116 006."),
            _steps(
            "Call shelters for mothers with children and ask about a free place.",
            "The municipal social worker helps to look elsewhere too.",
            "Apply at the Labour Office (Úřad práce ČR) for benefits and one-off emergency help.",
            "If you are fleeing violence, call 158 or the helpline 116 006.")),
        synonyms="azylovy dum pro matky\nmatka s detmi bez bydleni\nsama s detmi\nnemame kde bydlet\n"
                 "samozivitelka bez bytu",
        types=[(20, "first"), (28, "also"), (23, "also")],
        targets=[23, 4], ages=[8, 9], contacts=["116006", "158"],
        related=["domaci-nasili", "prisel-jsem-o-bydleni"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="bydlime-na-ubytovne", group="bydleni", urgency="planned",
        name=("Bydlíme na ubytovně a chceme normální byt", "We live in a hostel and want a proper flat"),
        summary=("Terénní pracovníci a sociálně aktivizační služby pomohou s cestou do bytu.",
                 "Outreach workers and family support services help on the way to a flat."),
        description=(
            "Život na ubytovně je drahý a těžký hlavně pro děti. Cesta do bytu vede přes úspory, čistý "
            "nájemní záznam a podporu.\n\nNěkteré obce mají sociální byty.",
            "Life in a hostel is expensive and hard, especially for children. The way to a flat goes through "
            "savings, a clean rental record and support.\n\nSome municipalities have social flats."),
        steps=(_steps(
            "Zeptejte se sociálního pracovníka obecního úřadu na sociální nebo obecní byty.",
            "Požádejte o pomoc terénní program nebo sociálně aktivizační službu pro rodiny.",
            "Nechte si spočítat, na jaké dávky na bydlení máte nárok."),
            _steps(
            "Ask the municipal social worker about social or council flats.",
            "Ask an outreach programme or a family support service for help.",
            "Have someone work out which housing benefits you are entitled to.")),
        synonyms="ubytovna\nsocialni bydleni\nsocialni byt\nbydlime na ubytovne\nobecni byt",
        types=[(28, "first"), (32, "first"), (1, "also")],
        targets=[21, 23], ages=[8, 9], contacts=[],
        related=["hrozi-mi-ztrata-bydleni", "dluhy"],
        sources=_steps(LAW_108, UP),
    ),
    # --- Debts and money ---------------------------------------------------------------------------
    dict(
        slug="dluhy", group="dluhy-a-penize", urgency="days",
        name=("Mám dluhy a nevím, jak dál", "I am in debt and do not know what to do"),
        summary=("Dluhová poradna pomůže zdarma: sepíše dluhy, vyjedná splátky nebo podá návrh na oddlužení.",
                 "A debt advice service helps for free: it lists the debts, negotiates instalments or files "
                 "for debt relief."),
        description=(
            "Dluhy rostou, když se neřeší. Poradny odborného sociálního poradenství pomáhají zdarma a "
            "diskrétně.\n\nČasto se dá dohodnout splátkový kalendář. Kdo dluhy splácet nemůže, může požádat "
            "o oddlužení (osobní bankrot); návrh musí podat akreditovaná osoba, například poradna.",
            "Debts grow when they are ignored. Social counselling services help free of charge and "
            "confidentially.\n\nAn instalment plan can often be agreed. Someone who cannot repay can apply for "
            "debt relief (personal bankruptcy); an accredited person, such as a counselling service, must file "
            "it."),
        steps=(_steps(
            "Nepodepisujte další půjčku na splacení dluhů.",
            "Posbírejte všechny dopisy, smlouvy a upomínky, i ty neotevřené.",
            "Objednejte se do dluhové poradny (odborné sociální poradenství). Je zdarma.",
            "Pozor na placené „oddlužovací“ firmy; poradny neziskových organizací jsou zdarma.",
            "Pokud hrozí ztráta bydlení, řekněte to v poradně hned."),
            _steps(
            "Do not sign another loan to pay off debts.",
            "Gather all letters, contracts and reminders, the unopened ones too.",
            "Book an appointment with a debt advice service (social counselling). It is free.",
            "Beware of paid “debt relief” firms; non-profit counselling is free.",
            "If you may lose your home, say so at the counselling service at once.")),
        synonyms="dluhy\ndluh\npujcky\nnesplacim\nsplatky\ndluznik\nzadluzeni\noddluzeni\nosobni bankrot\n"
                 "insolvence\nnemam na splatky\nupominky",
        types=[(1, "first"), (32, "also"), (28, "also")],
        targets=[19, 21], ages=[8, 9, 10], contacts=[],
        related=["exekuce", "hrozi-mi-ztrata-bydleni", "hazard"],
        sources=_steps(LAW_108, LAW_182),
    ),
    dict(
        slug="exekuce", group="dluhy-a-penize", urgency="days",
        name=("Mám exekuci", "I have an enforcement order (exekuce)"),
        summary=("Exekuci nelze ignorovat, ale dá se řešit. Poradna pomůže zjistit, co dlužíte a co dál.",
                 "An enforcement cannot be ignored, but it can be dealt with. A counselling service helps you "
                 "find out what you owe and what next."),
        description=(
            "Exekutor může srážet ze mzdy, obstavit účet nebo zabavit věci. Část příjmu vám ale vždy zůstane.\n\n"
            "Výpis všech exekucí získáte na Czech POINTu. S výpisem a dopisy jděte do dluhové poradny.",
            "A bailiff may deduct from wages, freeze an account or seize things. Part of your income always "
            "stays with you.\n\nYou get a list of all enforcements at any Czech POINT office. Take it and the "
            "letters to a debt advice service."),
        steps=(_steps(
            "Na Czech POINTu si vyžádejte výpis z Centrální evidence exekucí.",
            "Neotevřené dopisy od exekutora otevřete; mají lhůty.",
            "Jděte s papíry do dluhové poradny; pomůže zdarma.",
            "Zeptejte se v poradně, zda je pro vás vhodné oddlužení (osobní bankrot).",
            "Zaměstnavateli nic netajte: srážky ze mzdy řeší on."),
            _steps(
            "At a Czech POINT office ask for an extract from the central register of enforcements.",
            "Open the bailiff's unopened letters: they have deadlines.",
            "Take the papers to a debt advice service; it helps for free.",
            "Ask the counselling service whether debt relief (personal bankruptcy) suits you.",
            "Do not hide anything from your employer: they handle the wage deductions.")),
        synonyms="exekuce\nexekutor\nobstavili ucet\nobstavený ucet\nsrazky ze mzdy\nzabaveni veci\n"
                 "mam exekuci\nexekuce na ucet",
        types=[(1, "first")],
        targets=[19], ages=[8, 9, 10], contacts=[],
        related=["dluhy", "nemam-na-jidlo"],
        sources=_steps(LAW_120, LAW_182),
    ),
    dict(
        slug="nemam-na-jidlo", group="dluhy-a-penize", urgency="days",
        name=("Nemám peníze na jídlo a základní věci", "I have no money for food and basics"),
        summary=("Úřad práce může pomoci i jednorázově. Denní centra a potravinová pomoc vás nasytí hned.",
                 "The Labour Office can help once-off too. Day centres and food aid help at once."),
        description=(
            "Když dojdou peníze, je potřeba pomoc hned i na delší dobu. Úřad práce má dávky pro lidi s "
            "nízkým příjmem i jednorázovou pomoc v nouzi.\n\nPotravinovou pomoc zprostředkují sociální "
            "pracovníci obcí a neziskových organizací.",
            "When money runs out, help is needed now and for longer. The Labour Office has benefits for people "
            "with a low income and one-off emergency help.\n\nFood aid is arranged by social workers of "
            "municipalities and non-profits."),
        steps=(_steps(
            "Jděte na Úřad práce ČR a zeptejte se na jednorázovou pomoc v nouzi a na dávky.",
            "Sociální pracovník obecního úřadu zprostředkuje potravinovou pomoc.",
            "V nízkoprahovém denním centru se můžete najíst a poradit.",
            "S dluhy pomůže dluhová poradna zdarma."),
            _steps(
            "Go to the Labour Office (Úřad práce ČR) and ask about one-off emergency help and benefits.",
            "The municipal social worker can arrange food aid.",
            "At a low-threshold day centre you can eat and get advice.",
            "A debt advice service helps with debts for free.")),
        synonyms="nemam penize\nnemam na jidlo\npotravinova banka\nchudoba\ndavky\nhmotna nouze\n"
                 "nemam z ceho zit\nnemam na nakup",
        types=[(24, "first"), (1, "first"), (32, "also")],
        targets=[19, 21, 7], ages=[8, 9, 10], contacts=[],
        related=["dluhy", "prisel-jsem-o-praci"],
        sources=_steps(LAW_111, UP),
    ),
    dict(
        slug="prisel-jsem-o-praci", group="dluhy-a-penize", urgency="days",
        name=("Přišel jsem o práci", "I have lost my job"),
        summary=("Hned se registrujte na Úřadu práce: podpora, pojištění a pomoc s hledáním práce.",
                 "Register at the Labour Office at once: benefit, insurance and help finding work."),
        description=(
            "Registrace na Úřadu práce ČR znamená podporu v nezaměstnanosti (máte-li na ni nárok), placené "
            "zdravotní pojištění a pomoc s hledáním práce.\n\nKdyž příjmy nestačí na nájem a jídlo, zeptejte "
            "se i na další dávky.",
            "Registering at the Labour Office (Úřad práce ČR) means unemployment benefit (if you are "
            "entitled), paid health insurance and help finding work.\n\nIf the income does not cover rent and "
            "food, ask about other benefits too."),
        steps=(_steps(
            "Zaregistrujte se na Úřadu práce ČR co nejdřív, nejlépe do tří pracovních dnů od skončení práce.",
            "Vezměte si doklad o skončení zaměstnání a potvrzení o příjmu.",
            "Zeptejte se na dávky, pokud příjem nestačí na bydlení a jídlo.",
            "Když přibývají dluhy, jděte do dluhové poradny."),
            _steps(
            "Register at the Labour Office (Úřad práce ČR) as soon as possible, best within three working days of "
            "the job ending.",
            "Bring proof of the end of employment and of your income.",
            "Ask about benefits if your income does not cover housing and food.",
            "If debts build up, go to a debt advice service.")),
        synonyms="prisel jsem o praci\nprisla jsem o praci\nnezamestnany\npropustili me\n"
                 "podpora v nezamestnanosti\nvyhodili me z prace\nhledam praci",
        types=[(1, "first"), (33, "also")],
        targets=[19], ages=[8, 9], contacts=[],
        related=["nemam-na-jidlo", "dluhy"],
        sources=_steps(LAW_435, UP),
    ),
    # --- Family and children at risk ---------------------------------------------------------------
    dict(
        slug="dite-nechodi-do-skoly", group="rodina-a-deti", urgency="days",
        name=("Dítě nechodí do školy", "My child does not go to school"),
        summary=("Záškoláctví má vždy nějaký důvod. Škola, poradna a služby pro rodiny pomohou najít jaký.",
                 "Skipping school always has a reason. The school, a counselling centre and family services "
                 "help find it."),
        description=(
            "Za vynecháváním školy bývá šikana, strach, problémy s učením nebo potíže doma. Trestat nestačí; "
            "je potřeba zjistit příčinu.\n\nNeomluvené hodiny řeší škola s rodiči a později úřad, proto je "
            "lepší začít dřív.",
            "Behind missed school there is bullying, fear, learning difficulties or trouble at home. "
            "Punishment is not enough; the cause has to be found.\n\nUnexcused absences are dealt with by the "
            "school and the parents and later by the authorities, so it is better to start early."),
        steps=(_steps(
            "V klidu si s dítětem promluvte, co se děje.",
            "Domluvte schůzku s třídním učitelem a výchovným poradcem nebo školním psychologem.",
            "Požádejte o vyšetření v pedagogicko-psychologické poradně.",
            "Sociálně aktivizační služba pro rodiny může docházet domů a pomoci s přípravou do školy.",
            "Když si nevíte rady, volejte Linku pro rodinu a školu 116 000; dítě může volat Linku bezpečí "
            "116 111."),
            _steps(
            "Talk calmly with your child about what is going on.",
            "Arrange a meeting with the class teacher and the school counsellor or psychologist.",
            "Ask for an assessment at an educational-psychological counselling centre (PPP).",
            "A family support service can visit your home and help with schoolwork.",
            "When you do not know what to do, call the Family and school helpline 116 000; your child can call "
            "Linka bezpečí 116 111.")),
        synonyms="dite nechodi do skoly\nzaskolactvi\nzaskolak\nneomluvene hodiny\nproblemy ve skole\n"
                 "syn nechce do skoly\ndcera nechodi do skoly\nsikana ve skole",
        types=[(28, "first"), (25, "also"), (1, "also")],
        targets=[23, 1], ages=[5, 6, 7], contacts=["116000", "116111"],
        related=["nezvladame-vychovu", "dospivajici-potrebuje-bezpecne-misto"],
        sources=_steps(LAW_359),
    ),
    dict(
        slug="nezvladame-vychovu", group="rodina-a-deti", urgency="planned",
        name=("Nezvládáme výchovu, doma jsou pořád konflikty", "We cannot cope with raising our children, there "
              "is constant conflict at home"),
        summary=("Rodiny v napětí nejsou samy. Pracovník může chodit domů a pomoci najít klid.",
                 "Families under strain are not alone. A worker can come to the home and help find calm."),
        description=(
            "Hádky, útěky z domu, vzdor. Každá rodina někdy neví, jak dál. Sociálně aktivizační služby pro "
            "rodiny s dětmi docházejí domů a pomáhají rodičům i dětem.\n\nJe to dobrovolné a bez poplatku.",
            "Quarrels, running away from home, defiance. Every family sometimes does not know how to go on. "
            "Family support services visit the home and help parents and children.\n\nIt is voluntary and free "
            "of charge."),
        steps=(_steps(
            "Zavolejte Linku pro rodinu a školu 116 000 a poraďte se.",
            "Oslovte sociálně aktivizační službu pro rodiny s dětmi.",
            "Zvažte rodinnou poradnu (manželská a rodinná poradna).",
            "Když dítě uteklo nebo je v ohrožení, volejte 158."),
            _steps(
            "Call the Family and school helpline 116 000 for advice.",
            "Contact a family support service (sociálně aktivizační služba pro rodiny s dětmi).",
            "Consider a family counselling centre (manželská a rodinná poradna).",
            "If a child has run away or is in danger, call 158.")),
        synonyms="problemy s vychovou\npuberta\ndite utika z domu\nhadky doma\nnezvladame dite\n"
                 "dite neposlouchá\nkonflikty v rodine",
        types=[(28, "first"), (25, "also"), (23, "also"), (1, "also")],
        targets=[23, 1], ages=[5, 6, 7], contacts=["116000", "116111"],
        related=["dite-nechodi-do-skoly", "hrozi-odebrani-deti"],
        sources=_steps(LAW_359),
    ),
    dict(
        slug="hrozi-odebrani-deti", group="rodina-a-deti", urgency="days",
        name=("Úřad řeší naše děti, bojím se odebrání", "The authorities are dealing with our children, I "
              "fear they will be taken away"),
        summary=("Spolupráce s OSPOD a podpora služby pro rodiny jsou nejlepší cesta, jak děti udržet doma.",
                 "Working with the child protection office and a family support service is the best way to "
                 "keep the children at home."),
        description=(
            "Orgán sociálně-právní ochrany dětí (OSPOD) má za úkol chránit děti, a proto se snaží, aby mohly "
            "zůstat v rodině. Děti se odebírají až jako poslední možnost a rozhoduje o tom soud.\n\nPomůže, "
            "když ukážete, že problémy řešíte, například se službou pro rodiny.",
            "The child protection office (OSPOD) exists to protect children, so it tries to keep them in their "
            "family. Children are removed only as a last resort, by a court decision.\n\nIt helps to show that "
            "you are dealing with the problems, for example with a family support service."),
        steps=(_steps(
            "Na schůzky s OSPOD choďte a ptejte se, co přesně od vás očekávají.",
            "Požádejte o sociálně aktivizační službu pro rodiny s dětmi.",
            "Nechte si poradit v poradně, jaká máte práva.",
            "Vezměte si na jednání někoho, komu věříte."),
            _steps(
            "Attend the meetings with the child protection office and ask what exactly they expect.",
            "Ask for a family support service.",
            "Get advice from a counselling service about your rights.",
            "Bring someone you trust to the meetings.")),
        synonyms="ospod\nsocialka\nodebrani deti\nhrozi odebrani ditete\nchteji mi vzit deti\n"
                 "socialni pracovnice deti\npestounska pece",
        types=[(28, "first"), (1, "also")],
        targets=[23], ages=[8, 9], contacts=["116000"],
        related=["nezvladame-vychovu", "bydlime-na-ubytovne"],
        sources=_steps(LAW_359),
    ),
    dict(
        slug="dospivajici-potrebuje-bezpecne-misto", group="rodina-a-deti", urgency="planned",
        name=("Dospívající tráví dny na ulici a potřebuje bezpečné místo", "A teenager spends the days in the "
              "street and needs a safe place"),
        summary=("Nízkoprahové kluby jsou zdarma, bez zápisu a s lidmi, se kterými se dá mluvit.",
                 "Low-threshold clubs are free, with no registration, and with people to talk to."),
        description=(
            "Nízkoprahová zařízení pro děti a mládež nabízejí místo, kde se dá trávit čas, a pracovníky, "
            "kteří pomohou s problémy ve škole, doma i s kamarády.\n\nMladý člověk může přijít sám a nemusí "
            "říkat své jméno.",
            "Low-threshold clubs for children and young people offer a place to spend time and workers who "
            "help with trouble at school, at home and with friends.\n\nA young person can come alone and does "
            "not have to give a name."),
        steps=(_steps(
            "Najděte nízkoprahový klub v okolí a dojděte tam spolu poprvé.",
            "Dítě může kdykoli volat Linku bezpečí 116 111.",
            "Rodiče se mohou poradit na Lince pro rodinu a školu 116 000."),
            _steps(
            "Find a low-threshold club nearby and go there together the first time.",
            "The child can call Linka bezpečí 116 111 at any time.",
            "Parents can get advice from the Family and school helpline 116 000.")),
        synonyms="nudi se na ulici\nparta\nteenager\nmladistvy\nnizkoprahovy klub\ndite je porad venku",
        types=[(25, "first"), (32, "also"), (18, "also")],
        targets=[1], ages=[6, 7, 8], contacts=["116111", "116000"],
        related=["dite-nechodi-do-skoly", "drogy"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="tehotna-v-tisni", group="rodina-a-deti", urgency="days",
        name=("Jsem těhotná a nevím, jak to zvládnu", "I am pregnant and do not know how I will manage"),
        summary=("Pomoc je s bydlením, penězi i rozhodováním. Nemusíte na to být sama.",
                 "There is help with housing, money and decisions. You do not have to face it alone."),
        description=(
            "Těhotenství v těžké situaci přináší mnoho otázek: kde budu bydlet, z čeho budu žít, kdo mi "
            "pomůže.\n\nPoradny pomohou zdarma s dávkami a plánováním. Azylové domy přijímají i těhotné ženy.",
            "A pregnancy in a difficult situation brings many questions: where will I live, what will I live "
            "on, who will help me.\n\nCounselling services help for free with benefits and planning. Shelters "
            "also take in pregnant women."),
        steps=(_steps(
            "Poraďte se se svým gynekologem.",
            "Navštivte poradnu: pomůže s dávkami pro rodiny a s plánováním.",
            "Když nemáte kde bydlet, zavolejte do azylového domu pro matky s dětmi.",
            "Když je vám psychicky velmi zle, volejte Linku první psychické pomoci 116 123."),
            _steps(
            "Talk to your gynaecologist.",
            "Visit a counselling service: it helps with family benefits and planning.",
            "If you have nowhere to live, call a shelter for mothers with children.",
            "If you feel very bad, call the First psychological aid line 116 123.")),
        synonyms="tehotna v tisni\nnecekane tehotenstvi\nsama na dite\ntehotna bez bydleni\notehotnela jsem",
        types=[(1, "first"), (20, "also"), (28, "also"), (23, "also")],
        targets=[23, 19], ages=[7, 8, 9], contacts=["116123"],
        related=["matka-s-detmi-bez-bydleni"],
        sources=_steps(LAW_108, UP),
    ),
    # --- Violence and crisis -----------------------------------------------------------------------
    dict(
        slug="domaci-nasili", group="nasili-a-krize", urgency="danger",
        name=("Doma mi ubližuje partner nebo někdo blízký", "My partner or someone close hurts me at home"),
        summary=("Domácí násilí není vaše vina. V ohrožení volejte 158. Pomoc je i anonymní.",
                 "Domestic violence is not your fault. In danger call 158. Help is available anonymously too."),
        description=(
            "Násilí doma může být fyzické, psychické, sexuální nebo ekonomické. Obvykle se opakuje a "
            "zhoršuje.\n\nPolicie může násilnou osobu vykázat ze společného bydlení. Poté vám pomůže "
            "intervenční centrum. Krizová centra a azylové domy s utajenou adresou nabízejí bezpečí.",
            "Violence at home can be physical, psychological, sexual or economic. It usually repeats and gets "
            "worse.\n\nThe police can order the violent person out of the shared home. After that an "
            "intervention centre helps you. Crisis centres and shelters with a secret address offer safety."),
        steps=(_steps(
            "Jste-li v ohrožení, volejte hned 158 (nebo 112).",
            "Zavolejte linku 116 006 (nonstop, zdarma); poradí, jak postupovat.",
            "Při zranění jděte k lékaři a nechte si zranění zapsat.",
            "Připravte si tašku s doklady, léky a penězi pro případ rychlého odchodu.",
            "Krizové centrum nebo intervenční centrum pomůže s plánem bezpečí a s úřady."),
            _steps(
            "If you are in danger, call 158 (or 112) at once.",
            "Call the helpline 116 006 (24/7, free); they advise what to do.",
            "If you are injured, see a doctor and have the injuries recorded.",
            "Prepare a bag with documents, medicines and money in case you must leave quickly.",
            "A crisis centre or an intervention centre helps with a safety plan and with the authorities.")),
        synonyms="domaci nasili\nbije me\nmanzel me bije\npartner mi ublizuje\ntyrani\nnasili doma\n"
                 "manzelka me bije\nvyhrozuje mi\nbojim se partnera",
        types=[(23, "first"), (1, "first"), (20, "also")],
        targets=[4, 19], ages=[8, 9, 10], contacts=["158", "112", "116006"],
        related=["matka-s-detmi-bez-bydleni", "jsem-v-krizi", "obet-trestneho-cinu"],
        sources=_steps(LAW_108, LAW_273, LAW_45),
    ),
    dict(
        slug="jsem-v-krizi", group="nasili-a-krize", urgency="danger",
        name=("Jsem v krizi a potřebuji s někým mluvit hned", "I am in crisis and need to talk to someone now"),
        summary=("Krizové linky fungují i v noci a anonymně. Krizová centra pomohou osobně.",
                 "Crisis lines work at night and anonymously. Crisis centres help in person."),
        description=(
            "Krize přichází po ztrátě, rozchodu, úrazu nebo jen tak. Není slabost říct si o pomoc.\n\n"
            "Na krizové lince s vámi budou mluvit hned. Krizové centrum vás přijme osobně, často bez "
            "objednání.",
            "A crisis comes after a loss, a break-up, an accident, or out of nowhere. Asking for help is not a "
            "weakness.\n\nOn a crisis line someone talks to you at once. A crisis centre sees you in person, "
            "often without an appointment."),
        steps=(_steps(
            "Zavolejte Linku první psychické pomoci 116 123. Do 26 let Linku bezpečí 116 111.",
            "Vyhledejte krizové centrum v okolí.",
            "Když jde o život, volejte 155."),
            _steps(
            "Call the First psychological aid line 116 123. Up to 26, Linka bezpečí 116 111.",
            "Find a crisis centre nearby.",
            "When a life is at risk, call 155.")),
        synonyms="nezvladam to\nkrize\nchci s nekym mluvit\npanika\nzhroutil jsem se\nuz nemuzu\n"
                 "psychicka krize\nkrizova linka",
        types=[(18, "first"), (23, "first")],
        targets=[19], ages=[7, 8, 9, 10, 11], contacts=["116123", "116111", "155"],
        related=["myslim-na-sebevrazdu", "smutek-a-uzkost", "domaci-nasili"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="myslim-na-sebevrazdu", group="nasili-a-krize", urgency="danger",
        name=("Myslím na sebevraždu", "I am thinking about ending my life"),
        summary=("Řekněte to někomu hned. Linky jsou zdarma a anonymní. V akutním ohrožení volejte 155.",
                 "Tell someone now. The lines are free and anonymous. In immediate danger call 155."),
        description=(
            "Myšlenky na sebevraždu přicházejí, když je bolest větší než síla ji nést. Dají se zvládnout s "
            "pomocí druhých.\n\nNejste v tom sami a nemusíte čekat do rána.",
            "Thoughts of suicide come when the pain is greater than the strength to bear it. They can be "
            "overcome with other people's help.\n\nYou are not alone, and you do not have to wait until "
            "morning."),
        steps=(_steps(
            "Jste-li v bezprostředním ohrožení, volejte 155 nebo 112.",
            "Zavolejte Linku první psychické pomoci 116 123; do 26 let Linku bezpečí 116 111.",
            "Nezůstávejte sami: zavolejte někomu blízkému a řekněte mu, jak vám je.",
            "Můžete přijít na psychiatrickou pohotovost nejbližší nemocnice."),
            _steps(
            "If you are in immediate danger, call 155 or 112.",
            "Call the First psychological aid line 116 123; up to 26, Linka bezpečí 116 111.",
            "Do not stay alone: call someone close and tell them how you feel.",
            "You can go to the psychiatric emergency of the nearest hospital.")),
        synonyms="sebevrazda\nnechci zit\nchci umrit\nsebevrazedne myslenky\nzabit se",
        types=[(18, "first"), (23, "first")],
        targets=[19], ages=[6, 7, 8, 9, 10, 11], contacts=["155", "116123", "116111"],
        related=["jsem-v-krizi", "smutek-a-uzkost"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="obet-trestneho-cinu", group="nasili-a-krize", urgency="days",
        name=("Stal se mi trestný čin", "I have been a victim of crime"),
        summary=("Oběti mají práva a nárok na bezplatnou pomoc. Linka 116 006 poradí nonstop.",
                 "Victims have rights and a claim to free help. The helpline 116 006 advises 24/7."),
        description=(
            "Po přepadení, krádeži nebo podvodu bývá člověk v šoku. Oběti trestných činů mají právo na "
            "informace, ochranu a bezplatnou pomoc.\n\nPoradny pro oběti pomohou s trestním řízením a "
            "odškodněním.",
            "After an assault, a theft or a fraud people are often in shock. Victims of crime have the right "
            "to information, protection and free help.\n\nAdvice services for victims help with criminal "
            "proceedings and compensation."),
        steps=(_steps(
            "Je-li nebezpečí, volejte 158.",
            "Čin oznamte policii; požádejte o poučení o svých právech.",
            "Zavolejte linku 116 006 (nonstop, zdarma).",
            "Vyhledejte poradnu pro oběti trestných činů."),
            _steps(
            "If there is danger, call 158.",
            "Report the crime to the police; ask to be informed about your rights.",
            "Call the helpline 116 006 (24/7, free).",
            "Find an advice service for victims of crime.")),
        synonyms="obet trestneho cinu\nprepadeni\nokradli me\nnapadeni\npodvod\nznasilneni\nprepadli me",
        types=[(1, "first"), (23, "also")],
        targets=[6, 19], ages=[7, 8, 9, 10, 11], contacts=["158", "116006"],
        related=["domaci-nasili", "jsem-v-krizi"],
        sources=_steps(LAW_45),
    ),
    # --- Addiction ---------------------------------------------------------------------------------
    dict(
        slug="zavislost-na-alkoholu", group="zavislosti", urgency="planned",
        name=("Pití alkoholu se vymklo z rukou", "Drinking has got out of hand"),
        summary=("Závislost je nemoc a dá se léčit. Pomoc je pro toho, kdo pije, i pro jeho blízké.",
                 "Addiction is an illness and can be treated. Help is there for the drinker and for the "
                 "family."),
        description=(
            "Kdo pije čím dál víc a nedokáže přestat, potřebuje odbornou pomoc. Léčba začíná rozhovorem s "
            "lékařem nebo v poradně.\n\nPomoc existuje i pro blízké, kteří s pijícím žijí.",
            "Someone who drinks more and more and cannot stop needs professional help. Treatment starts with "
            "a conversation with a doctor or at a counselling service.\n\nThere is help for family members who "
            "live with a drinker too."),
        steps=(_steps(
            "Promluvte si s praktickým lékařem; doporučí adiktologa nebo léčbu.",
            "Náhlé přerušení silného pití může být nebezpečné: vysazujte jen s lékařem.",
            "Oslovte poradnu pro závislosti; blízcí tam mohou přijít i sami.",
            "Po léčbě pomohou služby následné péče a svépomocné skupiny.",
            "Při otravě alkoholem nebo bezvědomí volejte 155."),
            _steps(
            "Talk to your GP; they will refer you to an addiction specialist or treatment.",
            "Suddenly stopping heavy drinking can be dangerous: stop only with a doctor.",
            "Contact an addiction counselling service; family members can come on their own.",
            "After treatment, follow-up care services and self-help groups help.",
            "In case of alcohol poisoning or unconsciousness call 155.")),
        synonyms="zavislost na alkoholu\nalkoholik\nalkohol\npije\nmanzel pije\ntata pije\nalkoholismus\n"
                 "prestat pit",
        types=[(1, "first"), (27, "also"), (31, "also"), (22, "also")],
        targets=[25], ages=[8, 9, 10], contacts=["155", "116123"],
        related=["drogy", "hazard", "domaci-nasili"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="drogy", group="zavislosti", urgency="days",
        name=("Beru drogy, nebo je bere někdo blízký", "I use drugs, or someone close to me does"),
        summary=("Kontaktní centra a terénní programy pomáhají anonymně a bez odsuzování.",
                 "Drop-in centres and outreach programmes help anonymously and without judging."),
        description=(
            "Kontaktní centra pomáhají lidem, kteří drogy užívají, snížit rizika a najít cestu k léčbě. Poradí "
            "i rodičům a partnerům.\n\nLéčba může pokračovat v terapeutické komunitě a následné péči.",
            "Drop-in centres help people who use drugs to reduce the risks and find a way to treatment. They "
            "advise parents and partners too.\n\nTreatment can continue in a therapeutic community and "
            "follow-up care."),
        steps=(_steps(
            "Zajděte do kontaktního centra; je anonymní a bez objednání.",
            "Rodiče a partneři se mohou poradit sami, i bez toho, kdo drogy bere.",
            "Při předávkování volejte 155."),
            _steps(
            "Go to a drop-in centre; it is anonymous, no appointment needed.",
            "Parents and partners can get advice on their own.",
            "In case of an overdose call 155.")),
        synonyms="drogy\npervitin\nheroin\nmarihuana\nfetak\nzavislost na drogach\nsyn bere drogy\n"
                 "dcera bere drogy\nperník",
        types=[(22, "first"), (32, "first"), (31, "also"), (27, "also")],
        targets=[25, 20], ages=[7, 8, 9], contacts=["155"],
        related=["zavislost-na-alkoholu", "dospivajici-potrebuje-bezpecne-misto"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="hazard", group="zavislosti", urgency="days",
        name=("Hraji automaty nebo sázím a dělám dluhy", "I gamble and run up debts"),
        summary=("Hazard je závislost. Pomůže poradna pro závislosti i dluhová poradna.",
                 "Gambling is an addiction. An addiction service and a debt advice service help."),
        description=(
            "Hraní na automatech, sázení nebo online kasina mohou vést k velkým dluhům. Pomoc zahrnuje léčbu "
            "závislosti i řešení dluhů.\n\nZe hry se lze nechat vyloučit zápisem do rejstříku vyloučených osob.",
            "Slot machines, betting or online casinos can lead to big debts. Help covers both the addiction "
            "and the debts.\n\nYou can have yourself barred from gambling by registering as an excluded "
            "person."),
        steps=(_steps(
            "Oslovte poradnu pro závislosti nebo adiktologa.",
            "Zeptejte se v poradně, jak se nechat zapsat do rejstříku osob vyloučených z hazardních her.",
            "Dluhy řešte v dluhové poradně, nikdy novou půjčkou."),
            _steps(
            "Contact an addiction counselling service or an addiction specialist.",
            "Ask the counselling service how to have yourself entered in the register of people barred from "
            "gambling.",
            "Deal with the debts at a debt advice service, never with a new loan.")),
        synonyms="gamblerstvi\nhazard\nautomaty\nsazeni\nzavislost na hrani\ngambler\nonline kasino",
        types=[(1, "first"), (27, "also")],
        targets=[25], ages=[8, 9, 10], contacts=["116123"],
        related=["dluhy", "zavislost-na-alkoholu"],
        sources=_steps(LAW_108),
    ),
    # --- Mental health -----------------------------------------------------------------------------
    dict(
        slug="dusevni-nemoc-navrat", group="dusevni-zdravi", urgency="planned",
        name=("Mám duševní onemocnění a chci zpět do běžného života", "I have a mental illness and want to get "
              "back to everyday life"),
        summary=("Po hospitalizaci pomáhají služby následné péče, sociální rehabilitace a centra duševního "
                 "zdraví.",
                 "After a hospital stay, follow-up care, social rehabilitation and mental health centres "
                 "help."),
        description=(
            "Schizofrenie, bipolární porucha nebo těžká deprese nemusejí znamenat konec práce a vlastního "
            "bydlení. Pomáhá léčba a podpora v běžném životě.\n\nSociální služby pomohou s bydlením, prací a "
            "vztahy; léčbu vede psychiatr.",
            "Schizophrenia, bipolar disorder or severe depression need not mean the end of work and a home of "
            "one's own. Treatment and support in everyday life help.\n\nSocial services help with housing, "
            "work and relationships; a psychiatrist leads the treatment."),
        steps=(_steps(
            "Domluvte si pravidelné kontroly u psychiatra.",
            "Zeptejte se na centrum duševního zdraví ve vašem regionu.",
            "Oslovte službu následné péče nebo sociální rehabilitace.",
            "Když se stav zhorší, volejte Linku první psychické pomoci 116 123."),
            _steps(
            "Arrange regular check-ups with a psychiatrist.",
            "Ask about a community mental health centre in your region.",
            "Contact a follow-up care or social rehabilitation service.",
            "If things get worse, call the First psychological aid line 116 123.")),
        synonyms="schizofrenie\nbipolarni porucha\ndusevni nemoc\npsychiatricka lecebna\n"
                 "po hospitalizaci na psychiatrii\nduševní onemocneni",
        types=[(33, "first"), (27, "first"), (30, "also"), (7, "also"), (15, "also")],
        targets=[10], ages=[8, 9, 10], contacts=["116123"],
        related=["blizky-se-chova-jinak", "prace-s-postizenim"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="blizky-se-chova-jinak", group="dusevni-zdravi", urgency="days",
        name=("Blízký se chová jinak a bojím se o něj", "Someone close behaves strangely and I am worried"),
        summary=("Změna chování může být příznak nemoci. Poraďte se; v ohrožení volejte 155.",
                 "A change in behaviour can be a sign of illness. Get advice; in danger call 155."),
        description=(
            "Podezíravost, zmatené řeči, nespavost nebo stažení se mohou být začátek duševní nemoci. Čím dřív "
            "začne léčba, tím lépe.\n\nPoradit se můžete, i když blízký pomoc zatím odmítá.",
            "Suspicion, confused talk, sleeplessness or withdrawal can be the start of a mental illness. The "
            "sooner treatment starts, the better.\n\nYou can get advice even if your relative refuses help for "
            "now."),
        steps=(_steps(
            "Povzbuďte blízkého k návštěvě praktického lékaře nebo psychiatra.",
            "Poraďte se v krizovém centru nebo na lince 116 123.",
            "Ohrožuje-li sebe nebo druhé, volejte 155."),
            _steps(
            "Encourage your relative to see a GP or a psychiatrist.",
            "Get advice at a crisis centre or on the line 116 123.",
            "If they are a danger to themselves or others, call 155.")),
        synonyms="psychicky nemocny\ndivne se chova\npsychoza\nblizky se zmenil\nparanoia\nma halucinace",
        types=[(23, "first"), (1, "also"), (27, "also")],
        targets=[10, 19], ages=[8, 9, 10], contacts=["155", "116123"],
        related=["dusevni-nemoc-navrat", "jsem-v-krizi"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="smutek-a-uzkost", group="dusevni-zdravi", urgency="days",
        name=("Dlouho je mi smutno nebo mám úzkosti", "I have felt low or anxious for a long time"),
        summary=("Deprese a úzkosti se dají léčit. Začít můžete telefonátem nebo u praktického lékaře.",
                 "Depression and anxiety can be treated. You can start with a call or at your GP."),
        description=(
            "Když smutek, únava nebo strach trvají týdny a brání v běžném životě, nejde o slabost. Je to "
            "zdravotní potíž, která se léčí.\n\nZačít lze u praktického lékaře, psychologa nebo na krizové "
            "lince.",
            "When sadness, tiredness or fear last for weeks and get in the way of everyday life, it is not a "
            "weakness. It is a health problem that can be treated.\n\nYou can start at your GP, with a "
            "psychologist or on a crisis line."),
        steps=(_steps(
            "Řekněte o tom praktickému lékaři; doporučí psychologa nebo psychiatra.",
            "Když je vám těžko hned, volejte 116 123; do 26 let 116 111.",
            "Krizové centrum vás přijme i bez objednání."),
            _steps(
            "Tell your GP; they will refer you to a psychologist or psychiatrist.",
            "When it is hard right now, call 116 123; up to 26, 116 111.",
            "A crisis centre will see you without an appointment.")),
        synonyms="deprese\nuzkost\nuzkosti\nvyhoreni\nsmutek\nporad je mi smutno\npanicke ataky",
        types=[(18, "first"), (23, "also"), (1, "also")],
        targets=[19, 10], ages=[7, 8, 9, 10], contacts=["116123", "116111"],
        related=["jsem-v-krizi", "myslim-na-sebevrazdu"],
        sources=_steps(LAW_108),
    ),
    # --- Leaving an institution --------------------------------------------------------------------
    dict(
        slug="odchod-z-detskeho-domova", group="odchod-z-instituce", urgency="days",
        name=("Odcházím z dětského domova", "I am leaving a children's home"),
        summary=("Domy na půl cesty nabízejí bydlení a podporu mladým lidem do 26 let.",
                 "Halfway houses offer housing and support to young people up to 26."),
        description=(
            "Odchod z dětského domova znamená najednou zvládat bydlení, práci i peníze. Není nutné to zvládat "
            "sám.\n\nDům na půl cesty poskytne bydlení a pracovníka, který pomůže. Začněte plánovat ještě "
            "před odchodem.",
            "Leaving a children's home means suddenly handling housing, work and money. You do not have to do "
            "it alone.\n\nA halfway house provides housing and a worker who helps. Start planning before you "
            "leave."),
        steps=(_steps(
            "Ještě v domově se zeptejte sociální pracovnice na plán odchodu.",
            "Podejte žádost do domu na půl cesty.",
            "Zaregistrujte se na Úřadu práce ČR, pokud nestudujete ani nepracujete.",
            "Zeptejte se na dávky pro mladé lidi odcházející z ústavní péče.",
            "Dluhy a smlouvy nechte projít poradnu, než je podepíšete."),
            _steps(
            "While still in the home, ask its social worker about a leaving plan.",
            "Apply to a halfway house.",
            "Register at the Labour Office (Úřad práce ČR) if you neither study nor work.",
            "Ask about the benefits for young people leaving institutional care.",
            "Have a counselling service check contracts and debts before you sign.")),
        synonyms="odchod z detskeho domova\ndetsky domov\ndecak\nodchazim z decaku\nopousteni ustavni pece\n"
                 "dum na pul cesty\npo detskem domove",
        types=[(21, "first"), (1, "first"), (33, "also"), (20, "also")],
        targets=[8], ages=[7, 8], contacts=["116111"],
        related=["prisel-jsem-o-bydleni", "prisel-jsem-o-praci"],
        sources=_steps(LAW_108, LAW_359),
    ),
    dict(
        slug="propusteni-z-vezeni", group="odchod-z-instituce", urgency="days",
        name=("Vracím se z výkonu trestu", "I am coming out of prison"),
        summary=("První dny po propuštění rozhodují. Pomůže Úřad práce, poradna i azylový dům.",
                 "The first days after release matter most. The Labour Office, counselling and shelters "
                 "help."),
        description=(
            "Po propuštění je potřeba rychle vyřešit bydlení, doklady a peníze. Sociální pracovník věznice "
            "pomůže plán připravit ještě před propuštěním.\n\nPo propuštění se obraťte na sociálního kurátora "
            "obecního úřadu.",
            "After release, housing, documents and money must be sorted out quickly. The prison's social "
            "worker helps prepare a plan before release.\n\nAfter release, turn to the social curator "
            "(sociální kurátor) at the municipal office."),
        steps=(_steps(
            "Ještě ve věznici mluvte se sociálním pracovníkem o bydlení a dokladech.",
            "Po propuštění jděte za sociálním kurátorem obecního úřadu.",
            "Na Úřadu práce ČR požádejte o jednorázovou pomoc v nouzi a zaregistrujte se.",
            "Když nemáte kde bydlet, zavolejte do azylového domu nebo noclehárny."),
            _steps(
            "While still in prison, talk to the social worker about housing and documents.",
            "After release, see the social curator at the municipal office.",
            "At the Labour Office (Úřad práce ČR) ask for one-off emergency help and register.",
            "If you have nowhere to live, call a shelter or a night shelter.")),
        synonyms="propusteni z vezeni\nvezeni\nkriminal\nvykon trestu\npo vykonu trestu\npropusteny z vezeni",
        types=[(1, "first"), (20, "also"), (26, "also"), (33, "also")],
        targets=[22], ages=[8, 9, 10], contacts=[],
        related=["prisel-jsem-o-bydleni", "prisel-jsem-o-praci"],
        sources=_steps(LAW_108, LAW_111),
    ),
    dict(
        slug="odchod-z-ustavu", group="odchod-z-instituce", urgency="planned",
        name=("Chci odejít z ústavu do běžného bydlení", "I want to move from an institution to an ordinary "
              "home"),
        summary=("I s postižením lze bydlet v běžném bytě. Pomůže chráněné bydlení a podpora bydlení.",
                 "People with disabilities can live in an ordinary flat. Sheltered housing and supported "
                 "living help."),
        description=(
            "Mnoho lidí žije v ústavech jen proto, že nemají jinou možnost. Chráněné bydlení a podpora "
            "samostatného bydlení umožňují žít v běžné ulici.\n\nPřechod se plánuje postupně, s nácvikem.",
            "Many people live in institutions only because they have no other option. Sheltered housing and "
            "supported independent living make life in an ordinary street possible.\n\nThe move is planned "
            "step by step, with practice."),
        steps=(_steps(
            "Řekněte své přání klíčovému pracovníkovi a opatrovníkovi, pokud ho máte.",
            "Zeptejte se na chráněné bydlení a podporu samostatného bydlení.",
            "Vyzkoušejte nácvik dovedností v sociální rehabilitaci."),
            _steps(
            "Tell your key worker, and your guardian if you have one, what you want.",
            "Ask about sheltered housing and supported independent living.",
            "Practise skills in social rehabilitation.")),
        synonyms="odchod z ustavu\ndeinstitucionalizace\nz domova do bytu\nchci bydlet normalne\n"
                 "ustav socialni pece",
        types=[(15, "first"), (7, "first"), (3, "also"), (33, "also")],
        targets=[14, 13, 10], ages=[8, 9, 10], contacts=[],
        related=["chci-bydlet-samostatne"],
        sources=_steps(LAW_108),
    ),
    # --- Caring for a relative ---------------------------------------------------------------------
    dict(
        slug="pecujici-uz-nemuze", group="pecujici", urgency="days",
        name=("Starám se o blízkého a už nemůžu", "I care for someone close and I cannot go on"),
        summary=("Pečující potřebují odpočinek. Odlehčovací služba převezme péči, abyste nabrali síly.",
                 "Carers need rest. Respite care takes over so that you can recover."),
        description=(
            "Dlouhodobá péče vyčerpává. Když pečující onemocní, péče se zhroutí. Proto je odpočinek nutnost, "
            "ne luxus.\n\nOdlehčovací služba převezme péči na hodiny, dny i týdny. Poradna pro pečující pomůže "
            "s dávkami a plánem.",
            "Long-term care wears people out. When the carer falls ill, the care collapses. Rest is therefore "
            "a necessity, not a luxury.\n\nRespite care takes over for hours, days or weeks. A counselling "
            "service for carers helps with benefits and a plan."),
        steps=(_steps(
            "Domluvte odlehčovací službu; objednejte se včas, místa bývají obsazená.",
            "Ověřte, že blízký má příspěvek na péči ve správné výši; při zhoršení požádejte o zvýšení.",
            "Rozdělte péči s dalšími členy rodiny a se službou, která chodí domů.",
            "Když je vám psychicky zle, volejte 116 123."),
            _steps(
            "Arrange respite care; book early, places are often taken.",
            "Check that your relative receives the right level of care allowance; ask for more when their "
            "condition worsens.",
            "Share the care with other family members and a service that comes to the home.",
            "When you feel very bad, call 116 123.")),
        synonyms="pecujici\nvycerpani z pece\npotrebuji si odpocinout\nodlehceni\nnemuzu uz pecovat\n"
                 "pecuji o mamu a nemuzu",
        types=[(8, "first"), (4, "also"), (10, "also"), (1, "also")],
        targets=[26], ages=[8, 9, 10], contacts=["116123"],
        related=["chci-se-o-seniora-starat-doma", "prispevek-na-peci", "blizky-ma-demenci"],
        sources=_steps(LAW_108),
    ),
    dict(
        slug="prispevek-na-peci", group="pecujici", urgency="planned",
        name=("Jak získat příspěvek na péči", "How to get the care allowance"),
        summary=("Příspěvek na péči vyplácí Úřad práce ČR lidem, kteří potřebují pomoc druhého. Platí se "
                 "z něj služby i pečující.",
                 "The Labour Office pays the care allowance to people who need another person's help. It "
                 "pays for services or carers."),
        description=(
            "Příspěvek na péči dostává člověk, který kvůli zdraví potřebuje pomoc s běžnými věcmi. Výše "
            "závisí na tom, kolik pomoci potřebuje.\n\nŽádost se podává na Úřadu práce ČR. Přijde sociální "
            "šetření domů a stav posoudí lékař. Vyřízení trvá měsíce, proto žádejte hned.\n\nPodrobnosti "
            "upravuje zákon o sociálních službách (§ 7 a násl.).",
            "The care allowance goes to a person who needs help with everyday things because of their health. "
            "The amount depends on how much help they need.\n\nYou apply at the Labour Office (Úřad práce ČR). "
            "A social worker visits the home and a doctor assesses the condition. It takes months, so apply "
            "now.\n\nThe details are in the Social Services Act (section 7 and following)."),
        steps=(_steps(
            "Vyzvedněte si žádost na Úřadu práce ČR nebo ji stáhněte z jeho webu.",
            "Žádost podejte na kontaktním pracovišti Úřadu práce podle bydliště.",
            "Při sociálním šetření doma popište pravdivě, s čím vším je potřeba pomoc.",
            "Pokud nesouhlasíte s rozhodnutím, podejte odvolání; pomůže poradna.",
            "Pečujete-li po propuštění z nemocnice, zeptejte se i na dlouhodobé ošetřovné."),
            _steps(
            "Get the application form from the Labour Office (Úřad práce ČR) or its website.",
            "Submit it at the Labour Office's branch for the place where the person lives.",
            "During the home visit, describe truthfully everything the person needs help with.",
            "If you disagree with the decision, appeal; a counselling service helps.",
            "If you care for someone after hospital, ask about long-term carer's benefit too.")),
        synonyms="prispevek na peci\ndavky na peci\npenize na peci\nppp\nzadost o prispevek na peci\n"
                 "socialni setreni",
        types=[(1, "first")],
        targets=[26, 24, 17], ages=[8, 9, 10, 11], contacts=[],
        related=["rodic-uz-nezvlada-byt-sam-doma", "pecujici-uz-nemuze"],
        sources=_steps(LAW_108, LAW_187, UP),
    ),
    dict(
        slug="blizky-umira", group="pecujici", urgency="days",
        name=("Blízký umírá a chceme ho mít doma", "Someone close is dying and we want them at home"),
        summary=("Doprovázet doma je možné s domácím hospicem, pečovatelskou službou a podporou rodiny.",
                 "Caring at home to the end is possible with a home hospice, home care and support for the "
                 "family."),
        description=(
            "Mnoho lidí si přeje zemřít doma. Domácí hospic (zdravotní péče) zajistí tlumení bolesti a "
            "návštěvy lékaře a sestry.\n\nSociální služby pomohou s hygienou a péčí a umožní rodině odpočinek.",
            "Many people wish to die at home. A home hospice (health care) provides pain relief and visits by "
            "a doctor and a nurse.\n\nSocial services help with washing and care and let the family rest."),
        steps=(_steps(
            "Požádejte ošetřujícího lékaře o kontakt na domácí hospic.",
            "Domluvte pečovatelskou službu nebo osobní asistenci.",
            "Zeptejte se na dlouhodobé ošetřovné pro pečující.",
            "Při náhlém zhoršení volejte domácí hospic, jinak 155."),
            _steps(
            "Ask the doctor for a home hospice's contact.",
            "Arrange a home care service or personal assistance.",
            "Ask about long-term carer's benefit.",
            "If things suddenly get worse, call the home hospice, otherwise 155.")),
        synonyms="paliativni pece\numirajici\nhospic\nkonec zivota\nmama umira\ndomaci hospic",
        types=[(4, "first"), (3, "also"), (8, "also"), (16, "also")],
        targets=[27, 26], ages=[9, 10, 11], contacts=["155"],
        related=["pecujici-uz-nemuze", "propousteji-z-nemocnice"],
        sources=_steps(LAW_108, LAW_187),
    ),
]
