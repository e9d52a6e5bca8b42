// Built-in stopword lists for the Snowball languages the Snowball project publishes no list for,
// and Arabic. Lucene's lists are copied from lucene-analyzers-common 8.7 (Debian's
// liblucene8-java), NFKC-casefolded as braid's nfkc_casefold filter leaves text; their sources
// (Jacques Savoy's CLEF lists under the BSD license, and others) are named in Lucene's files.
#include "analyzers/stopword_lists.hpp"

namespace braid::analyzers::detail {

// Words separated by single spaces.
const StopwordListSource kMoreStopwordListSources[] = {
    // Lucene 8.7 analysis/ar/stopwords.txt (119 words).
    // Unnormalized (Lucene applies it before ArabicNormalizationFilter): put {"stop": "arabic"}
    // before "arabic_normalization" in a chain.
    {"arabic",
     "من ومن منها منه في وفي فيها فيه و ف ثم او أو ب بها به ا أ اى اي أي أى لا ولا الا ألا إلا لكن "
     "ما وما كما فما عن مع اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان فأن وان وأن وإن "
     "التى التي الذى الذي الذين الى الي إلى إلي على عليها عليه اما أما إما ايضا أيضا كل وكل لم ولم "
     "لن ولن هى هي هو وهى وهي وهو فهى فهي فهو انت أنت لك لها له هذه هذا تلك ذلك هناك كانت كان يكون "
     "تكون وكانت وكان غير بعض قد نحو بين بينما منذ ضمن حيث الان الآن خلال بعد قبل حتى عند عندما "
     "لدى جميع"},
    // Lucene 8.7 analysis/hy/stopwords.txt (45 words).
    {"armenian",
     "այդ այլ այն այս դու դուք եմ են ենք ես եք է էի էին էինք էիր էիք էր ըստ թ ի ին իսկ իր կամ "
     "համար հետ հետո մենք մեջ մի ն նա նաեւ նրա նրանք որ որը որոնք որպես ու ում պիտի վրա եւ"},
    // Lucene 8.7 analysis/eu/stopwords.txt (98 words).
    {"basque",
     "al anitz arabera asko baina bat batean batek bati batzuei batzuek batzuetan batzuk bera "
     "beraiek berau berauek bere berori beroriek beste bezala da dago dira ditu du dute edo egin "
     "ere eta eurak ez gainera gu gutxi guzti haiei haiek haietan hainbeste hala han handik hango "
     "hara hari hark hartan hau hauei hauek hauetan hemen hemendik hemengo hi hona honek honela "
     "honetan honi hor hori horiei horiek horietan horko horra horrek horrela horretan horri "
     "hortik hura izan ni noiz nola non nondik nongo nor nora ze zein zen zenbait zenbat zer "
     "zergatik ziren zituen zu zuek zuen zuten"},
    // Lucene 8.7 analysis/ca/stopwords.txt (218 words).
    {"catalan",
     "a abans ací ah així això al als aleshores algun alguna algunes alguns alhora allà allí allò "
     "altra altre altres amb ambdós ambdues apa aquell aquella aquelles aquells aquest aquesta "
     "aquestes aquests aquí baix cada cadascú cadascuna cadascunes cadascuns com contra d'un d'una "
     "d'unes d'uns dalt de del dels des després dins dintre donat doncs durant e eh el els em en "
     "encara ens entre érem eren éreu es és esta està estàvem estaven estàveu esteu et etc ets "
     "fins fora gairebé ha han has havia he hem heu hi ho i igual iguals ja l'hi la les li li'n "
     "llavors m'he ma mal malgrat mateix mateixa mateixes mateixos me mentre més meu meus meva "
     "meves molt molta moltes molts mon mons n'he n'hi ne ni no nogensmenys només nosaltres nostra "
     "nostre nostres o oh oi on pas pel pels per però perquè poc poca pocs poques potser propi "
     "qual quals quan quant que què quelcom qui quin quina quines quins s'ha s'han sa semblant "
     "semblants ses seu seus seva seves si sobre sobretot sóc solament sols son són sons sota sou "
     "t'ha t'han t'he ta tal també tampoc tan tant tanta tantes teu teus teva teves ton tons tot "
     "tota totes tots un una unes uns us va vaig vam van vas veu vosaltres vostra vostre vostres"},
    // Lucene 8.7 analysis/el/stopwords.txt (75 words).
    // Lucene reads it after GreekLowerCaseFilter (accents removed, final sigma as σ); braid's
    // nfkc_casefold keeps accents, so accented forms (είναι) are not in it.
    {"greek",
     "ο η το οι τα του τησ των τον την και κι κ ειμαι εισαι ειναι ειμαστε ειστε στο στον στη στην "
     "μα αλλα απο για προσ με σε ωσ παρα αντι κατα μετα θα να δε δεν μη μην επι ενω εαν αν τοτε "
     "που πωσ ποιοσ ποια ποιο ποιοι ποιεσ ποιων ποιουσ αυτοσ αυτη αυτο αυτοι αυτων αυτουσ αυτεσ "
     "αυτα εκεινοσ εκεινη εκεινο εκεινοι εκεινεσ εκεινα εκεινων εκεινουσ οπωσ ομωσ ισωσ οσο οτι"},
    // Lucene 8.7 analysis/hi/stopwords.txt (225 words).
    {"hindi",
     "अंदर अत अपना अपनी अपने अभी आदि आप इत्यादि इन इनका इन्हीं इन्हें इन्हों इस इसका इसकी इसके "
     "इसमें इसी इसे उन उनका उनकी उनके उनको उन्हीं उन्हें उन्हों उस उसके उसी उसे एक एवं एस ऐसे और "
     "कई कर करता करते करना करने करें कहते कहा का काफ़ी कि कितना किन्हें किन्हों किया किर किस किसी "
     "किसे की कुछ कुल के को कोई कौन कौनसा गया घर जब जहाँ जा जितना जिन जिन्हें जिन्हों जिस जिसे "
     "जीधर जैसा जैसे जो तक तब तरह तिन तिन्हें तिन्हों तिस तिसे तो था थी थे दबारा दिया दुसरा दूसरे "
     "दो द्वारा न नहीं ना निहायत नीचे ने पर पहले पूरा पे फिर बनी बही बहुत बाद बाला बिलकुल भी भीतर "
     "मगर मानो मे में यदि यह यहाँ यही या यिह ये रखें रहा रहे ऱ्वासा लिए लिये लेकिन व वर्ग वह वहाँ "
     "वहीं वाले वुह वे वग़ैरह संग सकता सकते सबसे सभी साथ साबुत साभ सारा से सो ही हुआ हुई हुए है "
     "हैं हो होता होती होते होना होने अपनि जेसे होति सभि तिंहों इंहों दवारा इसि किंहें थि उंहों ओर "
     "जिंहें वहिं अभि बनि हि उंहिं उंहें हें वगेरह एसे रवासा कोन निचे काफि उसि पुरा भितर हे बहि "
     "वहां कोइ यहां जिंहों तिंहें किसि कइ यहि इंहिं जिधर इंहें अदि इतयादि हुइ कोनसा इसकि दुसरे "
     "जहां अप किंहों उनकि भि वरग हुअ जेसा नहिं"},
    // Lucene 8.7 analysis/id/stopwords.txt (355 words).
    {"indonesian",
     "ada adanya adalah adapun agak agaknya agar akan akankah akhirnya aku akulah amat amatlah "
     "anda andalah antar diantaranya antara antaranya diantara apa apaan mengapa apabila apakah "
     "apalagi apatah atau ataukah ataupun bagai bagaikan sebagai sebagainya bagaimana bagaimanapun "
     "sebagaimana bagaimanakah bagi bahkan bahwa bahwasanya sebaliknya banyak sebanyak beberapa "
     "seberapa begini beginian beginikah beginilah sebegini begitu begitukah begitulah begitupun "
     "sebegitu belum belumlah sebelum sebelumnya sebenarnya berapa berapakah berapalah berapapun "
     "betulkah sebetulnya biasa biasanya bila bilakah bisa bisakah sebisanya boleh bolehkah "
     "bolehlah buat bukan bukankah bukanlah bukannya cuma percuma dahulu dalam dan dapat dari "
     "daripada dekat demi demikian demikianlah sedemikian dengan depan di dia dialah dini diri "
     "dirinya terdiri dong dulu enggak enggaknya entah entahlah terhadap terhadapnya hal hampir "
     "hanya hanyalah harus haruslah harusnya seharusnya hendak hendaklah hendaknya hingga sehingga "
     "ia ialah ibarat ingin inginkah inginkan ini inikah inilah itu itukah itulah jangan jangankan "
     "janganlah jika jikalau juga justru kala kalau kalaulah kalaupun kalian kami kamilah kamu "
     "kamulah kan kapan kapankah kapanpun dikarenakan karena karenanya ke kecil kemudian kenapa "
     "kepada kepadanya ketika seketika khususnya kini kinilah kiranya sekiranya kita kitalah kok "
     "lagi lagian selagi lah lain lainnya melainkan selaku lalu melalui terlalu lama lamanya "
     "selama selamanya lebih terlebih bermacam macam semacam maka makanya makin malah malahan "
     "mampu mampukah mana manakala manalagi masih masihkah semasih masing mau maupun semaunya "
     "memang mereka merekalah meski meskipun semula mungkin mungkinkah nah namun nanti nantinya "
     "nyaris oleh olehnya seorang seseorang pada padanya padahal paling sepanjang pantas "
     "sepantasnya sepantasnyalah para pasti pastilah per pernah pula pun merupakan rupanya serupa "
     "saat saatnya sesaat saja sajalah saling bersama sama sesama sambil sampai sana sangat "
     "sangatlah saya sayalah se sebab sebabnya sebuah tersebut tersebutlah sedang sedangkan "
     "sedikit sedikitnya segala segalanya segera sesegera sejak sejenak sekali sekalian sekalipun "
     "sesekali sekaligus sekarang sekitar sekitarnya sela selain selalu seluruh seluruhnya semakin "
     "sementara sempat semua semuanya sendiri sendirinya seolah seperti sepertinya sering "
     "seringnya serta siapa siapakah siapapun disini disinilah sini sinilah sesuatu sesuatunya "
     "suatu sesudah sesudahnya sudah sudahkah sudahlah supaya tadi tadinya tak tanpa setelah telah "
     "tentang tentu tentulah tentunya tertentu seterusnya tapi tetapi setiap tiap setidaknya tidak "
     "tidakkah tidaklah toh waduh wah wahai sewaktu walau walaupun wong yaitu yakni yang"},
    // Lucene 8.7 analysis/ga/stopwords.txt (109 words).
    {"irish",
     "a ach ag agus an aon ar arna as b' ba beirt bhúr caoga ceathair ceathrar chomh chtó chuig "
     "chun cois céad cúig cúigear d' daichead dar de deich deichniúr den dhá do don dtí dá dár dó "
     "faoi faoin faoina faoinár fara fiche gach gan go gur haon hocht i iad idir in ina ins inár "
     "is le leis lena lenár m' mar mo mé na nach naoi naonúr ná ní níor nó nócha ocht ochtar os "
     "roimh sa seacht seachtar seachtó seasca seisear siad sibh sinn sna sé sí tar thar thú triúr "
     "trí trína trínár tríocha tú um ár é éis í ó ón óna ónár"},
    // Lucene 8.7 analysis/lt/stopwords.txt (125 words).
    {"lithuanian",
     "ant apie ar arba aš be bei bet bus būti būtų buvo dėl gali į iki ir iš ja ją jai jais jam "
     "jame jas jei ji jį jie jiedu jiedvi jiedviem jiedviese jiems jis jo jodviem jog joje jomis "
     "joms jos jose jų judu judvi judviejų jųdviejų judviem judviese jumis jums jumyse juo juodu "
     "juodviese juos juose jus jūs jūsų ką kad kai kaip kas kiek kol kur kurie kuris man mane "
     "manęs manimi mano manyje mes metu mudu mudvi mudviejų mudviem mudviese mumis mums mumyse mus "
     "mūsų nei nes net nors nuo o pat per po prie prieš sau save savęs savimi savo savyje su "
     "tačiau tada tai taip tas tau tave tavęs tavimi tavyje ten to todėl tu tuo už visi yra"},
    // Lucene 8.7 analysis/ro/stopwords.txt (254 words).
    // With the comma-below forms (ș, ț) added beside Lucene's cedilla forms (ş, ţ).
    {"romanian",
     "acea aceasta această aceea acei aceia acel acela acele acelea acest acesta aceste acestea "
     "aceşti aceştia acolo acum ai aia aibă aici al ăla ale alea ălea altceva altcineva am ar are "
     "aş aşadar asemenea asta ăsta astăzi astea ăstea ăştia asupra aţi au avea avem aveţi azi bine "
     "bucur bună ca că căci când care cărei căror cărui cât câte câţi către câtva ce cel ceva "
     "chiar cînd cine cineva cît cîte cîţi cîtva contra cu cum cumva curând curînd da dă dacă dar "
     "datorită de deci deja deoarece departe deşi din dinaintea dintr dintre drept după ea ei el "
     "ele eram este eşti eu face fără fi fie fiecare fii fim fiţi iar ieri îi îl îmi împotriva în "
     "înainte înaintea încât încît încotro între întrucât întrucît îţi la lângă le li lîngă lor "
     "lui mă mâine mea mei mele mereu meu mi mine mult multă mulţi ne nicăieri nici nimeni nişte "
     "noastră noastre noi noştri nostru nu ori oricând oricare oricât orice oricînd oricine oricît "
     "oricum oriunde până pe pentru peste pînă poate pot prea prima primul prin printr sa să săi "
     "sale sau său se şi sînt sîntem sînteţi spre sub sunt suntem sunteţi ta tăi tale tău te ţi "
     "ţie tine toată toate tot toţi totuşi tu un una unde undeva unei unele uneori unor vă vi "
     "voastră voastre voi voştri vostru vouă vreo vreun acești aceștia aș așadar ăștia ați aveți "
     "câți cîți deși ești fiți îți mulți niște noștri și sînteți sunteți ți ție toți totuși voștri"},
    // Neither Snowball nor Lucene 8 publishes a Serbian list: written from knowledge of the
    // language's function words (Latin script, and the same words in Cyrillic).
    {"serbian",
     "i a ali ili pa te da ne ni je su sam si smo ste biti bio bila bilo bili bile će ću ćeš ćemo "
     "ćete bi bih u na za od do iz sa s o po kod kao što šta koji koja koje kojeg kojem kojim "
     "kojih ovaj ova ovo taj ta to onaj ona ono on oni one ja ti mi vi se sebe me mene tebe ga mu "
     "joj ih im nas vas njega njemu nje njoj njih njima već još samo kada kad gde gdje kako zašto "
     "ako jer nego niti li tako sve svi sva svoj svoja svoje moj moja moje tvoj njegov njen njihov "
     "ima nema može mogu treba bez pod nad pred preko kroz prema između oko posle nakon pre zbog "
     "jedan jedna jedno ovde tamo sada onda vrlo veoma takođe и а али или па те да не ни је су сам "
     "си смо сте бити био била било били биле ће ћу ћеш ћемо ћете би бих у на за од до из са с о "
     "по код као што шта који која које којег којем којим којих овај ова ово тај та то онај она "
     "оно он они оне ја ти ми ви се себе ме мене тебе га му јој их им нас вас њега њему ње њој њих "
     "њима већ још само када кад где гдје како зашто ако јер него нити ли тако све сви сва свој "
     "своја своје мој моја моје твој његов њен њихов има нема може могу треба без под над пред "
     "преко кроз према између око после након пре због један једна једно овде тамо сада онда врло "
     "веома такође"},
    // Neither Snowball nor Lucene publishes a Tamil list: written from knowledge of the language's
    // common function words.
    {"tamil",
     "ஒரு என்று மற்றும் இந்த அந்த இது அது என உள்ள இருந்து இருக்கும் இருந்த ஆகும் ஆனால் அல்லது "
     "போன்ற என்ற என்பது மேலும் பல சில அவர் அவர்கள் அவன் அவள் நான் நாம் நாங்கள் நீ நீங்கள் அவை இவை "
     "இங்கு அங்கு எந்த என்ன ஏன் எப்படி எங்கே யார் கொண்டு கொண்ட மூலம் பின்னர் முதல் வரை மீது உடன் "
     "தான் தனது என்னும் ஆக ஆகிய அதன் இதன் போது பற்றி வேண்டும் இல்லை உண்டு"},
    // Neither Snowball nor Lucene publishes a Yiddish list: written from knowledge of the
    // language's function words (YIVO spelling, NFKC form: pointed letters decomposed).
    {"yiddish",
     "און איז דער די דאָס אַ אַן אין צו פֿון מיט אויף ניט נישט ער זי עס מיר איר זיי איך דו ווי "
     "וואָס ווען אָבער אויך נאָר שוין האָט האָבן זײַן געווען וועט וועלן דעם דיר מיך אים זייער "
     "אונדז בײַ פֿאַר נאָך אַז אָדער אַלע זיך דאָ דאָרט"},
};

const std::size_t kMoreStopwordListSourceCount = sizeof(kMoreStopwordListSources) / sizeof(kMoreStopwordListSources[0]);

}  // namespace braid::analyzers::detail
