#!/usr/bin/env python3
# Writes the lists of analyzers/stopword_data_more.cpp (between its braces) to stdout.
# Lucene lists: apt-get download liblucene8-java; dpkg -x it; unzip lucene-analyzers-common-8.7.0.jar
# into /tmp/lu/ac (the base path below).
import unicodedata
import textwrap
base='/tmp/lu/ac/org/apache/lucene/analysis/'
langs=[('arabic','ar'),('armenian','hy'),('basque','eu'),('catalan','ca'),('greek','el'),('hindi','hi'),
       ('indonesian','id'),('irish','ga'),('lithuanian','lt'),('romanian','ro')]
notes={
 'greek':"Lucene reads it after GreekLowerCaseFilter (accents removed, final sigma as σ); braid's\n// nfkc_casefold keeps accents, so accented forms (είναι) are not in it.",
 'romanian':"With the comma-below forms (ș, ț) added beside Lucene's cedilla forms (ş, ţ).",
 'arabic':"Unnormalized (Lucene applies it before ArabicNormalizationFilter): put {\"stop\": \"arabic\"}\n// before \"arabic_normalization\" in a chain.",
}
out=[]
for name,code in langs:
    words=[]
    for line in open(base+code+'/stopwords.txt',encoding='utf-8'):
        line=line.split('#')[0].strip() if not line.startswith('#') else ''
        if not line: continue
        for w in line.split():
            w=unicodedata.normalize('NFKC', w).casefold()
            if w not in words: words.append(w)
    if name == 'romanian':  # Lucene's list spells ş/ţ with a cedilla; today's text uses the comma below
        for w in list(words):
            v = w.replace('ş','ș').replace('ţ','ț')
            if v not in words: words.append(v)
    text=' '.join(words)
    lines=textwrap.wrap(text,width=92,break_long_words=False,break_on_hyphens=False)
    note=notes.get(name)
    out.append(f'    // Lucene 8.7 analysis/{code}/stopwords.txt ({len(words)} words).'+(("\n    // "+note.replace("\n// ","\n    // ")) if note else ""))
    out.append(f'    {{"{name}",\n'+'\n'.join(f'     "{l}{" " if i+1<len(lines) else ""}"' for i,l in enumerate(lines))+'},')
print('\n'.join(out))

import unicodedata
def nf(w): return unicodedata.normalize('NFKC', w).casefold()
serbian_latin = """i a ali ili pa te da ne ni je su sam si smo ste biti bio bila bilo bili bile će ću ćeš ćemo ćete bi
bih u na za od do iz sa s o po kod kao što šta koji koja koje kojeg kojem kojim kojih ovaj ova ovo taj ta to
onaj ona ono on oni one ja ti mi vi se sebe me mene tebe ga mu joj ih im nas vas njega njemu nje njoj njih
njima već još samo kada kad gde gdje kako zašto ako jer nego niti li tako sve svi sva svoj svoja svoje moj moja
moje tvoj njegov njen njihov ima nema može mogu treba bez pod nad pred preko kroz prema između oko posle nakon
pre zbog jedan jedna jedno ovde tamo sada onda vrlo veoma takođe""".split()
lat2cyr = [('dž','џ'),('lj','љ'),('nj','њ'),('a','а'),('b','б'),('c','ц'),('č','ч'),('ć','ћ'),('d','д'),('đ','ђ'),
 ('e','е'),('f','ф'),('g','г'),('h','х'),('i','и'),('j','ј'),('k','к'),('l','л'),('m','м'),('n','н'),('o','о'),
 ('p','п'),('r','р'),('s','с'),('š','ш'),('t','т'),('u','у'),('v','в'),('z','з'),('ž','ж')]
def cyr(w):
    out=''; i=0
    while i < len(w):
        for a,b in lat2cyr:
            if w.startswith(a,i): out+=b; i+=len(a); break
        else: raise SystemExit('no map '+w)
    return out
serbian=[]
for w in serbian_latin + [cyr(w) for w in serbian_latin]:
    w=nf(w)
    if w not in serbian: serbian.append(w)
tamil="""ஒரு என்று மற்றும் இந்த அந்த இது அது என உள்ள இருந்து இருக்கும் இருந்த ஆகும் ஆனால் அல்லது போன்ற என்ற
என்பது மேலும் பல சில அவர் அவர்கள் அவன் அவள் நான் நாம் நாங்கள் நீ நீங்கள் அவை இவை இங்கு அங்கு எந்த என்ன ஏன்
எப்படி எங்கே யார் கொண்டு கொண்ட மூலம் பின்னர் முதல் வரை மீது உடன் தான் தனது என்னும் ஆக ஆகிய அதன் இதன் போது
பற்றி வேண்டும் இல்லை உண்டு""".split()
yiddish="""און איז דער די דאָס אַ אַן אין צו פֿון מיט אויף ניט נישט ער זי עס מיר איר זיי איך דו ווי וואָס ווען
אָבער אויך נאָר שוין האָט האָבן זײַן געווען וועט וועלן דעם דיר מיך אים זייער אונדז בײַ פֿאַר נאָך אַז אָדער אַלע
זיך דאָ דאָרט""".split()
def emit(name, words, comment):
    ws=[]
    for w in words:
        w=nf(w)
        if w not in ws: ws.append(w)
    lines=textwrap.wrap(' '.join(ws),width=92,break_long_words=False,break_on_hyphens=False)
    print(comment)
    print(f'    {{"{name}",\n'+'\n'.join(f'     "{l}{" " if i+1<len(lines) else ""}"' for i,l in enumerate(lines))+'},')
emit('serbian', serbian, "    // Neither Snowball nor Lucene 8 publishes a Serbian list: written from knowledge of the\n    // language's function words (Latin script, and the same words in Cyrillic).")
emit('tamil', tamil, "    // Neither Snowball nor Lucene publishes a Tamil list: written from knowledge of the language's\n    // common function words.")
emit('yiddish', yiddish, "    // Neither Snowball nor Lucene publishes a Yiddish list: written from knowledge of the\n    // language's function words (YIVO spelling, NFKC form: pointed letters decomposed).")
