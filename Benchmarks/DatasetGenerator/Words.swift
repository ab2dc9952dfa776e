/// The raw material of the generated text. All names are fictional.
enum Words {
    static let statePrefixes = ["Al", "Bel", "Cor", "Dra", "El", "Fen", "Gal", "Hes", "Ist", "Jar", "Kal", "Lum", "Mor",
                                "Nor", "Ost", "Pel", "Quar", "Ros", "Sal", "Tor", "Ul", "Val", "Wes", "Yr", "Zan", "Brav",
                                "Cald", "Trel", "Vesk", "Odr"]
    static let stateMiddles = ["a", "e", "i", "o", "ar", "en", "is", "or", "u", "an"]
    static let stateSuffixes = ["ia", "stan", "land", "mark", "ova", "ora", "ene", "ith", "um", "aria", "esh", "avia"]
    static let stateForms = ["Republic of ", "Kingdom of ", "", "", "", "Federation of ", "Principality of "]

    static let firstNames = ["Amina", "Boris", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hakan", "Ilona", "Javier",
                             "Kenji", "Leyla", "Marek", "Nadia", "Omar", "Petra", "Rustam", "Sofia", "Tariq", "Ulla",
                             "Viktor", "Wen", "Yusuf", "Zara", "Anouk", "Bahram", "Chiara", "Darius", "Esra", "Goran",
                             "Hana", "Ivo", "Jana", "Kamal", "Lina", "Mateo", "Nilufar", "Oksana", "Pavel", "Rana"]
    static let lastNames = ["Velasco", "Aminov", "Castell", "Dorn", "Erdem", "Farahani", "Gruber", "Haddad", "Ivanova",
                            "Jansen", "Kovac", "Lindqvist", "Mammadov", "Novak", "Okafor", "Petrossian", "Quint",
                            "Rahimi", "Sato", "Tanaka", "Uysal", "Varga", "Weiss", "Yilmaz", "Zhou", "Abbasi",
                            "Brandt", "Ciobanu", "Duarte", "Eklund", "Fonseca", "Ghazali", "Horvat", "Ionescu",
                            "Karimov", "Lopes", "Mirza", "Nazarov", "Orlov", "Pereira"]
    /// Aliases as other scripts write the names (not translations of the names above: just text to match).
    static let foreignAliases = ["Амина Веласко", "Борис Дорн", "Дмитрий Аминов", "Лейла Мамедова", "Рустам Каримов",
                                 "أمينة فلاسكو", "فريد فراهاني", "طارق حداد", "يوسف يلماز", "رنا عباسي",
                                 "佐藤健二", "周文", "田中花", "王丽娜", "金哈娜",
                                 "Ελίφ Ερντέμ", "ედუარდ ჯანსენი", "Ալմա Պետրոսյան"]
    static let stateAliasScripts = ["Республика ", "جمهورية ", "共和国 ", "Δημοκρατία "]

    static let outlets = ["Northern Wire", "The Harbour Gazette", "Continental Press Service", "Meridian News Agency",
                          "Daily Ledger", "Channel Nine Seas", "Foreign Desk Review", "Ministry press office",
                          "Radio Free Steppe", "Caspian Monitor", "Atlas Bulletin", "The Observer & Herald"]

    static let topics = ["energy", "security", "trade", "transport", "culture", "education", "health", "migration",
                         "water", "border", "investment", "tourism", "defence", "humanitarian", "sanctions",
                         "agriculture", "finance", "climate", "cyber", "media"]

    static let venues = ["Diplomacy Forum", "Energy Week", "Security Conference", "Economic Summit", "Trade Fair",
                         "Ministerial Council", "Joint Commission", "Water Dialogue"]

    /// Event types of the shipped vocabulary, with how often a desk records each.
    static let eventTypes: [(String, Int)] = [
        ("meeting", 160), ("phone-call", 90), ("statement", 110), ("visit", 60), ("consultation", 40),
        ("negotiation", 30), ("criticism", 40), ("praise", 20), ("accusation", 20), ("speech", 30),
        ("forum", 25), ("press-briefing", 25), ("economic-cooperation", 25), ("trade-deal", 10), ("energy-deal", 10),
        ("aid", 12), ("humanitarian-aid", 8), ("sanction", 8), ("sanctions-eased", 4), ("protest", 10),
        ("demand", 10), ("appeal", 10), ("threat", 6), ("military-incident", 5), ("armed-clash", 2),
        ("military-cooperation", 8), ("mediation", 8), ("invitation", 12), ("offer", 8), ("pledge", 8),
        ("intelligence-sharing", 3), ("refugee-movement", 3), ("demonstration", 6), ("diplomat-expelled", 3),
        ("ambassador-appointed", 6), ("ambassador-recalled", 2), ("staff-withdrawn", 2),
        ("agreement-signed", 10), ("state-visit", 5), ("relations-established", 1), ("relations-severed", 1),
        ("embassy-opened", 2), ("embassy-closed", 1), ("embassy-reopened", 1),
        // The dataset's own type, added under `vocabulary:` in actors.yaml.
        ("border-commission", 6),
    ]
    /// Types that have a direction (who acted, on or toward whom).
    static let directed: Set<String> = ["visit", "state-visit", "criticism", "praise", "accusation", "aid",
                                        "humanitarian-aid", "sanction", "sanctions-eased", "protest", "demand",
                                        "appeal", "threat", "invitation", "offer", "pledge", "diplomat-expelled",
                                        "ambassador-recalled"]

    static let verbs: [String: String] = [
        "meeting": "meets", "phone-call": "speaks by phone with", "statement": "issues a statement on",
        "visit": "visits", "state-visit": "pays a state visit to", "criticism": "criticises", "praise": "praises",
        "accusation": "accuses", "aid": "sends aid to", "humanitarian-aid": "sends humanitarian aid to",
        "sanction": "imposes sanctions on", "sanctions-eased": "eases sanctions on", "protest": "protests to",
        "demand": "makes demands of", "appeal": "appeals to", "threat": "threatens", "invitation": "invites",
        "offer": "makes an offer to", "pledge": "pledges support to", "agreement-signed": "signs an agreement with",
    ]

    static let englishQuotes = [
        "We remain committed to dialogue with {B} on {topic}.",
        "Our position on {topic} has not changed, and it will not change under pressure.",
        "{B} must respect its obligations under the agreement we signed.",
        "There is no alternative to a negotiated settlement.",
        "We welcome the steps {B} has taken and expect more.",
        "The door to cooperation on {topic} remains open.",
        "We will respond to any provocation in a proportionate way.",
        "Relations between our countries are at their best in a decade.",
        "This decision was taken without consulting us, and we regret it.",
        "We are ready to host the next round of talks in {city}.",
        "Trade between our two countries should double within five years.",
        "Nobody should doubt our resolve on {topic}.",
    ]
    static let indirectQuotes = [
        "The minister said that talks with {B} on {topic} would continue next month.",
        "The spokesperson noted that {B} had not answered the proposal.",
        "He told reporters the government saw no reason to change course on {topic}.",
        "She said the agreement with {B} was being implemented as planned.",
        "Officials indicated that a visit to {city} was being prepared.",
    ]
    static let foreignQuotes: [(language: String, text: String)] = [
        ("ar", "نحن ملتزمون بتعزيز العلاقات الثنائية مع جيراننا."),
        ("ar", "لن نقبل أي تدخل في شؤوننا الداخلية."),
        ("ru", "Мы готовы к диалогу без предварительных условий."),
        ("ru", "Наша позиция по этому вопросу остаётся неизменной."),
        ("zh-Hans", "我们愿意在相互尊重的基础上发展双边关系。"),
        ("zh-Hans", "双方同意加强能源领域的合作。"),
        ("fa", "ما به گفت‌وگو با همسایگان خود متعهد هستیم."),
        ("tr", "Komşularımızla iş birliğini güçlendirmeye kararlıyız."),
        ("ka", "ჩვენ მზად ვართ დიალოგისთვის."),
        ("el", "Είμαστε έτοιμοι για διάλογο χωρίς προϋποθέσεις."),
    ]
    /// Text that breaks output that forgets to escape: HTML, Markdown, templates, shells.
    static let hostile = [
        "<script>alert('brief')</script>",
        "R&amp;D spending & <b>bold</b> claims",
        "*not bold* _not italic_ [not a link](http://example.org) # not a heading | not | a table |",
        "`rm -rf /` is not code, and ``double`` neither",
        "He said \"no\" — then 'maybe', «perhaps» and “certainly”",
        "Back\\slash, {{mustache}}, ${shell} and %s printf",
        "50% of <100> > 3 && 2 < 1 || true",
        "Line with trailing colon: and a # hash",
        "&lt;already escaped&gt; &amp; &#x27; &nbsp;",
        "]]> <!-- comment --> <![CDATA[x]]>",
    ]

    static let commitmentTexts = [
        "to open a consulate in {city}", "to deliver {quantity}", "to resume direct flights",
        "to hold a joint commission every year", "to demarcate the remaining border sections",
        "to cooperate on {topic}", "to finance a new bridge", "to visit {B} before the end of the year",
        "to return the ambassador", "to simplify visas for students", "to exchange prisoners",
    ]
    static let quantities = ["1.5 bcm of gas per year", "200 MW of electricity", "USD 250 million", "EUR 40 million",
                             "10,000 tonnes of wheat", "3 patrol boats", "500 scholarships", "2 million doses"]
    static let updateNotes = [
        "First tranche delivered.", "Talks stalled over the route.", "Confirmed by both ministries.",
        "No progress reported since the summit.", "Superseded by the new framework agreement.",
        "Withdrawn after the elections.", "Partially delivered: 60% of the volume.",
    ]
    static let retractionNotes = [
        "The ministry denied the report.", "Misattributed: the words were the deputy's.",
        "The agency withdrew the story the next day.", "Corrected by the publisher: the meeting did not take place.",
    ]
    static let sourceTitles = [
        "{A} and {B} discuss {topic}", "Minister says ties with {B} are strong", "Talks in {city} end without agreement",
        "{A} protests over border incident", "Transcript: press conference in {city}", "Analysis: what {A} wants from {B}",
        "Joint statement of {A} and {B}", "Readout of the call between the leaders of {A} and {B}",
    ]
}
