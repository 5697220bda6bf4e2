"""Load the built-in exercise library (Dutch and English). Practices add their own exercises next to it.

The library deliberately holds no exercise that stops the urine stream: that disturbs the voiding reflex.
"""

from django.db import migrations

NO_STREAM_EN = "Never practise by stopping your stream of urine, and do not use it as a test."
NO_STREAM_NL = "Oefen nooit door de plasstraal te onderbreken en gebruik dat ook niet als test."

# code, kind, (sets, repetitions, hold s, relax s, times a day, days a week), tags,
# title EN, title NL, instructions EN, instructions NL
LIBRARY = [
    (
        "breathing-lying", "relax", (1, 10, 4, 6, 2, 7), [],
        "Breathing into belly and ribs, lying down",
        "Ademen naar buik en ribben, liggend",
        "Lie on your back with a pillow under your knees. Breathe in calmly through your nose and let your ribs "
        "widen to the sides and back while your belly stays soft; your pelvic floor gently sinks a little. "
        "Breathe out slowly and feel everything rise back on its own. Do not push anything. About five minutes.",
        "Lig op je rug met een kussen onder je knieën. Adem rustig in door je neus en laat je ribben naar opzij "
        "en naar achteren breed worden, terwijl je buik zacht blijft; je bekkenbodem zakt daarbij iets mee. "
        "Adem langzaam uit en voel hoe alles vanzelf weer terugveert. Forceer niets. Ongeveer vijf minuten.",
    ),
    (
        "long-exhale", "relax", (1, 8, 4, 8, 3, 7), [],
        "Long, slow exhale",
        "Lang en langzaam uitademen",
        "Sit or lie comfortably. Breathe in through your nose for a count of four, then breathe out through "
        "slightly pursed lips for twice as long. With every long exhale, let your shoulders, jaw, belly and "
        "pelvic floor release a bit more. Useful whenever you notice tension building up.",
        "Zit of lig ontspannen. Adem in door je neus terwijl je tot vier telt en adem dan twee keer zo lang uit "
        "met licht getuite lippen. Laat bij elke lange uitademing je schouders, kaak, buik en bekkenbodem wat "
        "verder loslaten. Handig op elk moment dat je merkt dat de spanning oploopt.",
    ),
    (
        "sit-bones-apart", "relax", (1, 8, 5, 10, 2, 7), [],
        "Letting the pelvic floor widen",
        "De bekkenbodem laten verbreden",
        "Sit on a firm chair with your feet flat. As you breathe in, imagine your sit bones gently sliding apart "
        "and the area between them becoming wide and soft. As you breathe out, just let it be; do not tighten. "
        "The aim is to feel the difference between holding on and letting go.",
        "Zit op een stevige stoel met je voeten plat op de grond. Stel je bij het inademen voor dat je zitbotjes "
        "zachtjes uit elkaar schuiven en dat het gebied ertussen breed en zacht wordt. Laat het bij het uitademen "
        "gewoon zo; span niet aan. Het doel is het verschil te voelen tussen vasthouden en loslaten.",
    ),
    (
        "body-scan", "relax", (1, 1, 0, 0, 1, 7), [],
        "Relaxation body scan",
        "Ontspanningsronde door het lichaam",
        "Lie down somewhere quiet. Move your attention slowly from your feet up to your head and notice where "
        "you hold tension: jaw, shoulders, belly, buttocks, pelvic floor. Breathe out long towards each spot and "
        "let it soften. Take ten minutes, for example before going to sleep.",
        "Ga ergens rustig liggen. Ga met je aandacht langzaam van je voeten naar je hoofd en merk op waar je "
        "spanning vasthoudt: kaak, schouders, buik, billen, bekkenbodem. Adem lang uit naar elke plek en laat "
        "die zachter worden. Neem er tien minuten voor, bijvoorbeeld voor het slapengaan.",
    ),
    (
        "heat-lower-belly", "relax", (1, 1, 0, 0, 1, 7), [],
        "Warmth on the lower belly or groin",
        "Warmte op onderbuik of liezen",
        "Place a hot-water bottle or heat pack, wrapped in a towel, on your lower belly or groin for 10 to 20 "
        "minutes while you rest and breathe out slowly. Warmth helps tense muscles let go. Check your skin "
        "regularly and never use it on skin without feeling.",
        "Leg een kruik of warmtekussen, in een handdoek gewikkeld, 10 tot 20 minuten op je onderbuik of liezen "
        "terwijl je rust en langzaam uitademt. Warmte helpt gespannen spieren loslaten. Controleer regelmatig je "
        "huid en gebruik het nooit op een plek waar je weinig gevoel hebt.",
    ),
    (
        "warm-shower-bath", "relax", (1, 1, 0, 0, 1, 7), [],
        "Warm shower or bath to unwind",
        "Warm douchen of in bad om te ontspannen",
        "Take a warm shower or bath for 10 to 20 minutes, for instance at the end of the day when complaints "
        "tend to build up. Let the warm water run over your lower back and belly and breathe out long and easy.",
        "Neem 10 tot 20 minuten een warme douche of een warm bad, bijvoorbeeld aan het eind van de dag als de "
        "klachten vaak toenemen. Laat het warme water over je onderrug en buik lopen en adem lang en rustig uit.",
    ),
    (
        "childs-pose-wide", "relax", (1, 3, 0, 0, 1, 7), [],
        "Child's pose with wide knees",
        "Kindhouding met de knieën wijd",
        "Kneel with your knees wide and your big toes together, then sit back towards your heels and let your "
        "chest sink forward, arms resting in front of you. Stay for about 30 seconds, breathing into your back "
        "and pelvic floor. Use a cushion under your belly or buttocks if that is more comfortable.",
        "Ga op je knieën zitten met je knieën wijd en je grote tenen tegen elkaar. Zak met je billen richting "
        "je hielen en laat je borst naar voren zakken, armen ontspannen voor je. Blijf ongeveer 30 seconden zo "
        "en adem naar je rug en bekkenbodem. Leg een kussen onder je buik of billen als dat prettiger is.",
    ),
    (
        "knees-to-chest", "relax", (1, 3, 0, 0, 1, 7), [],
        "Knees to chest",
        "Knieën naar de borst",
        "Lie on your back and bring both knees towards your chest, holding them with your hands. Let your knees "
        "drift slightly apart and rock gently from side to side. Stay about 30 seconds while breathing calmly, "
        "then lower your feet one at a time.",
        "Lig op je rug en trek beide knieën naar je borst, met je handen om je knieën. Laat je knieën iets uit "
        "elkaar vallen en wieg rustig van links naar rechts. Blijf ongeveer 30 seconden zo en adem rustig door. "
        "Zet daarna je voeten één voor één terug.",
    ),
    (
        "buttock-stretch", "relax", (1, 2, 0, 0, 1, 7), [],
        "Gentle hip and buttock stretch",
        "Rustige rek van heup en bil",
        "Lie on your back with both knees bent. Rest your right ankle on your left knee and gently pull the left "
        "thigh towards you until you feel a mild stretch in the right buttock. Hold about 30 seconds, breathing "
        "out slowly, then change sides. A stretch should feel pleasant, never sharp.",
        "Lig op je rug met beide knieën gebogen. Leg je rechterenkel op je linkerknie en trek je linkerbovenbeen "
        "rustig naar je toe tot je een lichte rek in je rechterbil voelt. Houd ongeveer 30 seconden vast terwijl "
        "je langzaam uitademt en wissel dan van kant. Rekken hoort prettig te voelen, nooit scherp.",
    ),
    (
        "butterfly-lying", "relax", (1, 2, 0, 0, 1, 7), [],
        "Butterfly, lying down",
        "Vlinderhouding, liggend",
        "Lie on your back, put the soles of your feet together and let your knees fall open to the sides, with "
        "a cushion under each knee for support. Rest for one to two minutes and let your groin and pelvic floor "
        "widen with each breath in.",
        "Lig op je rug, zet je voetzolen tegen elkaar en laat je knieën naar opzij vallen, met een kussen onder "
        "elke knie als steun. Rust één tot twee minuten en laat je liezen en bekkenbodem bij elke inademing "
        "breder worden.",
    ),
    (
        "pelvic-tilts-lying", "relax", (1, 10, 0, 0, 2, 7), [],
        "Pelvic tilts, lying on your back",
        "Bekken kantelen, liggend op de rug",
        "Lie on your back with your knees bent and feet flat. Slowly roll your pelvis so your lower back flattens "
        "towards the floor, then roll it back so your back arches slightly. Keep the movement small and smooth "
        "and keep breathing. This loosens the lower back and pelvis.",
        "Lig op je rug met gebogen knieën en je voeten plat. Kantel je bekken langzaam zodat je onderrug naar de "
        "vloer gaat en rol het dan terug zodat je rug licht hol wordt. Houd de beweging klein en soepel en blijf "
        "doorademen. Zo wordt de onderrug en het bekken losser.",
    ),
    (
        "relaxed-walk", "relax", (1, 1, 0, 0, 1, 7), [],
        "An easy walk",
        "Een rustige wandeling",
        "Go for a walk of 15 to 30 minutes at a comfortable pace. Let your arms swing, breathe through your nose "
        "and notice whether you are clenching your buttocks or belly; if so, let go. Walking is one of the "
        "simplest ways to loosen the pelvis.",
        "Maak een wandeling van 15 tot 30 minuten in een prettig tempo. Laat je armen meezwaaien, adem door je "
        "neus en let erop of je je billen of buik aanspant; laat dan los. Wandelen is een van de eenvoudigste "
        "manieren om het bekken losser te maken.",
    ),
    (
        "find-pelvic-floor", "coordination", (1, 5, 2, 4, 2, 7), [],
        "Finding your pelvic floor, lying down",
        "Je bekkenbodem vinden, liggend",
        "Lie on your back with your knees bent. Gently tighten as if you hold back wind and urine at the same "
        "time, drawing the area between your legs slightly inwards and upwards. Keep your buttocks, belly and "
        "thighs soft and keep breathing. Let go completely and feel the muscles drop back. "
        + NO_STREAM_EN,
        "Lig op je rug met gebogen knieën. Span zachtjes aan alsof je tegelijk een wind en je plas ophoudt, "
        "waarbij het gebied tussen je benen iets naar binnen en naar boven trekt. Houd je billen, buik en "
        "bovenbenen ontspannen en blijf ademen. Laat daarna helemaal los en voel de spieren terugzakken. "
        + NO_STREAM_NL,
    ),
    (
        "slow-holds-lying", "endurance", (1, 8, 5, 10, 3, 7), ["strengthening"],
        "Slow holds, lying down",
        "Langzaam aanspannen en vasthouden, liggend",
        "Lie on your back with your knees bent. Tighten your pelvic floor as if holding back wind and urine, "
        "hold it while you keep breathing normally, then let go fully and rest at least twice as long as you "
        "held. Do not squeeze your buttocks or hold your breath. " + NO_STREAM_EN,
        "Lig op je rug met gebogen knieën. Span je bekkenbodem aan alsof je een wind en je plas ophoudt, houd "
        "dat vast terwijl je gewoon doorademt en laat dan helemaal los. Rust minstens twee keer zo lang als je "
        "vasthield. Knijp je billen niet samen en houd je adem niet in. " + NO_STREAM_NL,
    ),
    (
        "slow-holds-sitting", "endurance", (1, 8, 5, 10, 3, 7), ["strengthening"],
        "Slow holds, sitting",
        "Langzaam aanspannen en vasthouden, zittend",
        "Sit upright on a firm chair, feet flat, weight on your sit bones. Lift your pelvic floor away from the "
        "seat, hold while breathing on, then let it sink back fully and rest at least twice as long. The next "
        "step after you manage this well lying down.",
        "Zit rechtop op een stevige stoel, voeten plat, gewicht op je zitbotjes. Til je bekkenbodem op, weg "
        "van de zitting, houd vast terwijl je doorademt en laat hem dan helemaal terugzakken. Rust minstens twee "
        "keer zo lang. Dit is de volgende stap als het liggend goed lukt.",
    ),
    (
        "slow-holds-standing", "endurance", (1, 8, 5, 10, 3, 7), ["strengthening"],
        "Slow holds, standing",
        "Langzaam aanspannen en vasthouden, staand",
        "Stand with your feet hip-width apart and knees soft. Draw your pelvic floor inwards and upwards, hold "
        "while you keep breathing, then release completely and rest at least twice as long. Standing is harder "
        "than lying, so you may hold a little shorter at first.",
        "Sta met je voeten op heupbreedte en je knieën licht gebogen. Trek je bekkenbodem naar binnen en naar "
        "boven, houd vast terwijl je doorademt, laat dan helemaal los en rust minstens twee keer zo lang. Staand "
        "is zwaarder dan liggend, dus in het begin houd je misschien wat korter vast.",
    ),
    (
        "strong-squeezes", "strength", (1, 5, 3, 6, 2, 7), ["strengthening"],
        "Strong squeezes with full release",
        "Krachtig aanspannen en volledig loslaten",
        "In the position your therapist chose, tighten your pelvic floor as strongly as you can without using "
        "your buttocks, belly or breath, hold briefly and then let go all the way. Rest at least twice as long "
        "as you held before the next one. Quality matters more than number.",
        "Span in de houding die je therapeut koos je bekkenbodem zo krachtig mogelijk aan zonder je billen, buik "
        "of adem te gebruiken, houd kort vast en laat dan helemaal los. Rust minstens twee keer zo lang als je "
        "vasthield voor de volgende. Goed uitvoeren is belangrijker dan vaak.",
    ),
    (
        "quick-flicks-lying", "speed", (1, 10, 1, 2, 3, 7), ["strengthening"],
        "Quick flicks, lying down",
        "Snelle aanspanningen, liggend",
        "Lie on your back with your knees bent. Tighten your pelvic floor quickly and firmly, then let go at "
        "once, like a short flick. Make sure each one is fully released before the next. Breathe normally "
        "throughout.",
        "Lig op je rug met gebogen knieën. Span je bekkenbodem snel en stevig aan en laat meteen weer los, als "
        "een kort tikje. Zorg dat je elke keer helemaal loslaat voor de volgende. Adem de hele tijd gewoon door.",
    ),
    (
        "quick-flicks-standing", "speed", (1, 10, 1, 2, 3, 7), ["strengthening"],
        "Quick flicks, sitting or standing",
        "Snelle aanspanningen, zittend of staand",
        "Sitting upright or standing, tighten your pelvic floor quickly and firmly and let go straight away. "
        "Relax completely between flicks. Try to alternate a set of quick flicks with your slow holds.",
        "Span zittend of staand je bekkenbodem snel en stevig aan en laat direct weer los. Ontspan helemaal "
        "tussen de aanspanningen. Wissel een serie snelle aanspanningen af met je langzame oefeningen.",
    ),
    (
        "the-knack", "coordination", (1, 5, 2, 4, 3, 7), [],
        "The knack: tighten before you cough, sneeze or lift",
        "De 'knack': aanspannen voor hoesten, niezen of tillen",
        "Just before you cough, sneeze, lift something or stand up, tighten your pelvic floor lightly and keep "
        "it during the effort. Let go afterwards. Practise it a few times with a pretend cough until it becomes "
        "automatic in daily life.",
        "Span vlak voordat je hoest, niest, iets optilt of opstaat je bekkenbodem licht aan en houd dat vast "
        "tijdens de inspanning. Laat daarna weer los. Oefen het een paar keer met een nepkuchje tot het in het "
        "dagelijks leven vanzelf gaat.",
    ),
    (
        "sit-to-stand", "coordination", (1, 8, 2, 4, 2, 7), ["strengthening"],
        "Standing up with your pelvic floor",
        "Opstaan met je bekkenbodem",
        "Sit on the front of a chair. Breathe in, then as you breathe out tighten your pelvic floor lightly and "
        "stand up. Relax once you are upright, then sit down again with control. This trains the muscles in "
        "movement instead of lying still.",
        "Zit op het voorste deel van een stoel. Adem in, span bij het uitademen je bekkenbodem licht aan en sta "
        "op. Ontspan als je rechtop staat en ga dan gecontroleerd weer zitten. Zo train je de spieren tijdens "
        "bewegen in plaats van stil liggend.",
    ),
    (
        "exhale-on-effort", "coordination", (1, 5, 0, 0, 3, 7), [],
        "Breathe out on effort",
        "Uitademen bij inspanning",
        "Whenever you lift, push, pull or get up, breathe out during the effort instead of holding your breath. "
        "This keeps the pressure in your belly low and protects your pelvic floor. Practise with a light bag: "
        "breathe in, then breathe out as you lift it.",
        "Adem bij tillen, duwen, trekken of opstaan uit tijdens de inspanning in plaats van je adem in te "
        "houden. Zo blijft de druk in je buik laag en spaar je je bekkenbodem. Oefen met een lichte tas: adem "
        "in en adem uit terwijl je hem optilt.",
    ),
    (
        "bridge-with-floor", "coordination", (2, 8, 3, 6, 1, 5), ["strengthening", "early_postpartum"],
        "Bridge with pelvic floor",
        "Bruggetje met bekkenbodem",
        "Lie on your back with knees bent and feet hip-width apart. Breathe out, tighten your pelvic floor "
        "lightly and lift your buttocks until your body forms a straight line from shoulders to knees. Hold "
        "briefly, lower slowly and let go completely while you rest.",
        "Lig op je rug met gebogen knieën en je voeten op heupbreedte. Adem uit, span je bekkenbodem licht aan "
        "en til je billen op tot je lichaam een rechte lijn vormt van schouders tot knieën. Houd kort vast, zak "
        "langzaam terug en laat helemaal los terwijl je rust.",
    ),
    (
        "small-hops", "coordination", (2, 10, 0, 0, 1, 3), ["impact", "early_postpartum", "high_pressure"],
        "Small hops with a prepared pelvic floor",
        "Kleine sprongetjes met een voorbereide bekkenbodem",
        "Only when your therapist says you are ready. Stand tall, tighten your pelvic floor lightly and make "
        "small, soft hops on the spot while breathing out. Stop as soon as you leak or feel heaviness and go "
        "back to the previous step.",
        "Alleen als je therapeut zegt dat je eraan toe bent. Sta rechtop, span je bekkenbodem licht aan en maak "
        "kleine, zachte sprongetjes op de plaats terwijl je uitademt. Stop zodra je urine verliest of een "
        "zwaar gevoel krijgt en ga terug naar de vorige stap.",
    ),
    (
        "toilet-posture-bladder", "habit", (1, 1, 0, 0, 1, 7), [],
        "Sitting well to empty your bladder",
        "Goed zitten om je blaas te legen",
        "Sit down fully on the toilet, also away from home; do not hover. Feet flat or on a footstool, lean "
        "slightly forward, belly soft. Let the urine come without pushing and take your time; wait a moment "
        "at the end and breathe out to empty completely.",
        "Ga helemaal zitten op de wc, ook buiten de deur; niet boven de bril hangen. Voeten plat of op een "
        "krukje, iets voorover leunen, buik ontspannen. Laat de plas komen zonder te persen en neem je tijd; "
        "wacht aan het eind nog even en adem uit om helemaal leeg te plassen.",
    ),
    (
        "toilet-posture-bowel", "habit", (1, 1, 0, 0, 1, 7), [],
        "Toilet posture for an easy bowel movement",
        "Houding op de wc voor makkelijke ontlasting",
        "Put your feet on a footstool so your knees are higher than your hips. Lean forward with your forearms "
        "on your thighs, keep your belly soft and breathe out slowly. Do not strain or hold your breath; if "
        "nothing comes, try again later.",
        "Zet je voeten op een krukje zodat je knieën hoger zijn dan je heupen. Leun voorover met je onderarmen "
        "op je bovenbenen, houd je buik zacht en adem langzaam uit. Pers niet en houd je adem niet in; komt er "
        "niets, probeer het dan later nog eens.",
    ),
    (
        "real-urge-only", "habit", (1, 1, 0, 0, 1, 7), [],
        "Go on a real urge, not just in case",
        "Alleen plassen bij echte aandrang",
        "Go to the toilet when your bladder tells you it is full, not 'just in case' before leaving the house. "
        "Visiting too often teaches the bladder to hold less. If an urge comes too early, stand or sit still, "
        "breathe out calmly and let it fade before you go.",
        "Ga naar de wc als je blaas laat weten dat hij vol is, niet 'voor de zekerheid' voordat je de deur uit "
        "gaat. Te vaak gaan leert je blaas minder vast te houden. Komt de aandrang te vroeg, sta of zit dan "
        "stil, adem rustig uit en laat de aandrang wegzakken voordat je gaat.",
    ),
    (
        "fluid-intake", "habit", (1, 1, 0, 0, 1, 7), [],
        "Drink enough, spread over the day",
        "Voldoende drinken, verspreid over de dag",
        "Drink about 1.5 to 2 litres a day, spread out in glasses rather than large amounts at once. Drinking "
        "less for fear of leaking makes urine more concentrated and irritating to the bladder. Have less in "
        "the last two hours before bed if you get up at night.",
        "Drink ongeveer 1,5 tot 2 liter per dag, verdeeld in glazen in plaats van grote hoeveelheden tegelijk. "
        "Minder drinken uit angst voor urineverlies maakt de urine geconcentreerder en prikkelender voor de "
        "blaas. Drink de laatste twee uur voor het slapen wat minder als je 's nachts moet plassen.",
    ),
    (
        "fibre-intake", "habit", (1, 1, 0, 0, 1, 7), [],
        "Build up fibre step by step",
        "Vezels stap voor stap opbouwen",
        "Eat more vegetables, fruit, whole-grain products and legumes, or add a spoon of ground flaxseed to "
        "your breakfast. Increase slowly over a couple of weeks to avoid bloating, and always drink enough with "
        "it: fibre needs fluid to keep stools soft.",
        "Eet meer groente, fruit, volkorenproducten en peulvruchten, of doe een lepel gemalen lijnzaad door je "
        "ontbijt. Bouw dit in een paar weken rustig op om een opgeblazen gevoel te voorkomen en drink er altijd "
        "genoeg bij: vezels hebben vocht nodig om de ontlasting zacht te houden.",
    ),
    (
        "bowel-routine", "habit", (1, 1, 0, 0, 1, 7), [],
        "A fixed toilet moment after breakfast",
        "Een vast wc-moment na het ontbijt",
        "Your bowel is most active after a meal. Take a warm drink with breakfast and then give yourself ten "
        "relaxed minutes on the toilet, without your phone and without pushing. A regular moment helps the "
        "bowel find its rhythm.",
        "Je darmen zijn na een maaltijd het actiefst. Drink iets warms bij het ontbijt en gun jezelf daarna "
        "tien rustige minuten op de wc, zonder telefoon en zonder te persen. Een vast moment helpt de darmen "
        "een ritme te vinden.",
    ),
    (
        "load-management", "habit", (1, 1, 0, 0, 1, 7), [],
        "Spread the load over the day",
        "Belasting over de dag verdelen",
        "Plan heavy tasks across the day and the week instead of all at once, and schedule rest after them. "
        "Some after-pain that is gone within a day is fine; if it gets worse each time, do a bit less next "
        "time and build up again more slowly.",
        "Verdeel zware klussen over de dag en de week in plaats van alles tegelijk, en plan daarna rust in. "
        "Wat napijn die binnen een dag over is, mag; wordt het elke keer erger, doe dan de volgende keer wat "
        "minder en bouw rustiger op.",
    ),
    (
        "movement-breaks", "habit", (1, 1, 0, 0, 6, 5), [],
        "Movement breaks when sitting a lot",
        "Beweegpauzes bij veel zitten",
        "When you sit for long periods, get up every 30 to 45 minutes for a minute or two: walk, stretch or "
        "stand while you make a phone call. Switching between sitting, standing and walking eases pressure on "
        "the pelvic floor.",
        "Zit je lang achter elkaar, sta dan elke 30 tot 45 minuten een of twee minuten op: loop even, rek je "
        "uit of bel staand. Afwisselen tussen zitten, staan en lopen haalt druk van je bekkenbodem.",
    ),
]

FIELDS = ("sets", "repetitions", "hold_seconds", "relax_seconds", "times_per_day", "days_per_week")


def load_library(apps, schema_editor):
    Exercise = apps.get_model("programs", "Exercise")
    Exercise.objects.bulk_create(
        [
            Exercise(
                practice=None,
                code=code,
                kind=kind,
                contraindications=tags,
                title_en=title_en,
                title_nl=title_nl,
                instructions_en=text_en,
                instructions_nl=text_nl,
                **dict(zip(FIELDS, dosage, strict=True)),
            )
            for code, kind, dosage, tags, title_en, title_nl, text_en, text_nl in LIBRARY
        ]
    )


def remove_library(apps, schema_editor):
    apps.get_model("programs", "Exercise").objects.filter(practice__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(load_library, remove_library)]
