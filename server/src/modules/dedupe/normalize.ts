import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import { getDomain, getDomainWithoutSuffix, getHostname } from "tldts";

// Pure normalization for the duplicate check (查重): company names, web and e-mail domains, phones.

// Scripts written without spaces between words: names in them are compared by character, not by word.
// "ー" (prolonged sound) and "々" (repetition) belong to no script but only occur inside such names.
export const CJK_CHAR = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}ー々";
const CJK = new RegExp(`[${CJK_CHAR}]`, "u");
const CJK_THEN_OTHER = new RegExp(`([${CJK_CHAR}])(?=[^${CJK_CHAR}\\s])`, "gu");
const OTHER_THEN_CJK = new RegExp(`([^${CJK_CHAR}\\s])(?=[${CJK_CHAR}])`, "gu");

// Letters that Unicode does not decompose into a base letter plus an accent.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

// Accents are dropped only from alphabetic scripts: in Japanese kana they change the sound (カ/ガ).
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize("NFD")
    .replace(/(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu, "")
    .normalize("NFC");
}

// Bracketed parts are qualifiers, not the name people use: a region ("(HK)", "（上海）"), a legal form
// ("(Pvt)", "(株)", "(주)") or a note ("(formerly …)"). Innermost first, so nested brackets go too.
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g;

function dropBracketed(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(BRACKETED, " ");
    if (next === current) break;
    current = next;
  }
  // A name written entirely in brackets keeps its content.
  return /[\p{L}\p{N}]/u.test(current) ? current : text;
}

const CONJUNCTIONS = new Set(["and", "und", "et"]);

// Folded, punctuation-free tokens. Runs of single letters are joined so that "S. A.", "S.A." and "SA",
// or "Sp. z o.o." and "Sp. z oo", give the same tokens.
function tokensOf(text: string): string[] {
  const spaced = dropBracketed(fold(text))
    .replace(/[&+＆]/g, " and ")
    .replace(/['’‘`´]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .replace(CJK_THEN_OTHER, "$1 ")
    .replace(OTHER_THEN_CJK, "$1 ");
  const tokens: string[] = [];
  let letters = "";
  for (const raw of spaced.split(" ")) {
    if (!raw) continue;
    const token = CONJUNCTIONS.has(raw) ? "and" : raw;
    if (/^\p{L}$/u.test(token) && !CJK.test(token)) {
      letters += token;
      continue;
    }
    if (letters) tokens.push(letters);
    letters = "";
    tokens.push(token);
  }
  if (letters) tokens.push(letters);
  return tokens;
}

// Legal forms that are not ordinary words or initials: removed wherever they stand. Written as
// registered; they are folded by the same rules as names. A maintained list: add forms here.
const LEGAL_FORMS_ANYWHERE = [
  // English-speaking countries and international usage
  "Co., Ltd.",
  "Ltd.",
  "Limited",
  "Company",
  "Co.",
  "& Co.",
  "LLC",
  "L.L.C.",
  "Inc.",
  "Incorporated",
  "Corp.",
  "Corporation",
  "PLC",
  "Public Limited Company",
  "Public Company Limited",
  "LLP",
  "LLLP",
  "PLLC",
  "Limited Liability Company",
  "Limited Liability Partnership",
  "Pty. Ltd.",
  "Pty. Limited",
  "Proprietary Limited",
  "Pvt. Ltd.",
  "Private Limited",
  "Pte. Ltd.",
  "Pte.",
  "Joint Stock Company",
  "Closed Joint Stock Company",
  "Open Joint Stock Company",
  "JSC",
  "PJSC",
  "CJSC",
  "OJSC",
  "DAC",
  "Teoranta",
  // German-speaking countries
  "GmbH",
  "gGmbH",
  "mbH",
  "GmbH & Co. KG",
  "GmbH & Co. KGaA",
  "GmbH & Co. OHG",
  "AG & Co. KG",
  "Ges.m.b.H.",
  "Gesellschaft mbH",
  "Gesellschaft mit beschränkter Haftung",
  "Aktiengesellschaft",
  "Kommanditgesellschaft",
  "KGaA",
  "OHG",
  "GbR",
  // French-speaking countries
  "SARL",
  "S.à r.l.",
  "Sàrl",
  "SASU",
  "EURL",
  "SCOP",
  "Société Anonyme",
  "Société par Actions Simplifiée",
  "Société à Responsabilité Limitée",
  "Cie",
  "et Cie",
  // Spanish- and Portuguese-speaking countries
  "S.A. de C.V.",
  "S. de R.L. de C.V.",
  "S. de R.L.",
  "S.A.P.I. de C.V.",
  "S.A.B. de C.V.",
  "S.L.U.",
  "S.A.U.",
  "Sociedad Anónima",
  "Sociedad Limitada",
  "Sociedad de Responsabilidad Limitada",
  "Cía.",
  "y Cía.",
  "Ltda.",
  "Limitada",
  "EIRELI",
  "E.I.R.L.",
  "Unipessoal",
  "Sociedade Anónima",
  // Italian
  "S.r.l.",
  "S.r.l.s.",
  "S.c.a.r.l.",
  "Società per Azioni",
  "Società a Responsabilità Limitata",
  // Dutch and Belgian
  "B.V.",
  "BVBA",
  "V.O.F.",
  "Besloten Vennootschap",
  "Naamloze Vennootschap",
  // Nordic countries
  "ApS",
  "Oy",
  "Oyj",
  "Osakeyhtiö",
  "Aktiebolag",
  "Aktiebolaget",
  "Aksjeselskap",
  "Allmennaksjeselskap",
  "Aktieselskab",
  "Anpartsselskab",
  "ehf.",
  // Central and Eastern Europe
  "Sp. z o.o.",
  "Sp. z o.o. Sp.k.",
  "Spółka z ograniczoną odpowiedzialnością",
  "Spółka Akcyjna",
  "Spółka Komandytowa",
  "Spółka Jawna",
  "s.r.o.",
  "spol. s r.o.",
  "Akciová společnost",
  "Kft.",
  "Zrt.",
  "Nyrt.",
  "Kkt.",
  "S.R.L.",
  "d.o.o.",
  "EOOD",
  "OOD",
  "EAD",
  "UAB",
  "OOO",
  "ZAO",
  "OAO",
  "PAO",
  "TOV",
  "PrAT",
  "ООО",
  "ЗАО",
  "ОАО",
  "ПАО",
  "ТОВ",
  "ПрАТ",
  "ЕООД",
  "ООД",
  "ЕАД",
  "д.о.о.",
  "E.P.E.",
  // Turkey
  "Ltd. Şti.",
  "Şti.",
  "Anonim Şirketi",
  "Limited Şirketi",
  "San. ve Tic.",
  "Sanayi ve Ticaret",
  // Middle East and Africa
  "FZE",
  "FZCO",
  "FZC",
  "FZ-LLC",
  "W.L.L.",
  "SAOG",
  "SAOC",
  "בע״מ",
  // Asia and Oceania
  "Sdn. Bhd.",
  "Sendirian Berhad",
  "Bhd.",
  "Berhad",
  "Tbk.",
  "Persero",
  "Kabushiki Kaisha",
  "Kabushiki Gaisha",
  "Godo Kaisha",
  "Yugen Kaisha",
  "Công ty TNHH",
  "Công ty Cổ phần",
  "Công ty",
  "TNHH",
  "TNHH MTV",
  "CTCP",
  "บริษัท",
  "จำกัด",
  "มหาชน",
];

// Legal forms that are also ordinary words or initials ("AS", "SE", "SPA", "ME"): removed only where
// legal forms stand, at the end of the name, or at its start for the forms written first there.
const LEGAL_FORMS_AT_END = [
  "AG",
  "KG",
  "UG",
  "SE",
  "e.K.",
  "e.V.",
  "S.A.",
  "S/A",
  "SAS",
  "SNC",
  "SCI",
  "S.L.",
  "S.C.",
  "S. en C.",
  "S.Coop.",
  "S.p.A.",
  "S.a.s.",
  "S.n.c.",
  "S.A.C.",
  "S.A.A.",
  "S.A.I.C.",
  "C.A.",
  "A.C.",
  "Lda.",
  "ME",
  "EPP",
  "N.V.",
  "C.V.",
  "AB",
  "HB",
  "KB",
  "AS",
  "A/S",
  "ASA",
  "I/S",
  "K/S",
  "P/S",
  "hf.",
  "Sp.k.",
  "Sp.j.",
  "S.K.A.",
  "a.s.",
  "v.o.s.",
  "k.s.",
  "Bt.",
  "Rt.",
  "AD",
  "d.d.",
  "a.d.",
  "OÜ",
  "AO",
  "АО",
  "АД",
  "A.Ş.",
  "A.E.",
  "O.E.",
  "I.K.E.",
  "K.K.",
  "G.K.",
  "Y.K.",
  "Pvt.",
  "Pty.",
  "PLT",
  "OPC",
  "PCL",
  "Est.",
  "Establishment",
  "SPC",
  "BSC",
  "KSC",
  "QSC",
  "SAE",
  "CC",
  "NPC",
  "NL",
  "Teo.",
  "Tic.",
  "San.",
];

const LEGAL_FORMS_AT_START = [
  "PT",
  "CV",
  "UD",
  "AB",
  "AS",
  "SIA",
  "AO",
  "IP",
  "TOO",
  "ИП",
  "ТОО",
  "АО",
  "ET",
  "S.C.",
];

// Legal forms written inside a CJK name, without spaces: removed as substrings, longest first.
const CJK_LEGAL_FORMS = [
  "股份有限公司",
  "有限责任公司",
  "有限責任公司",
  "有限公司",
  "分公司",
  "公司",
  "株式会社",
  "株式會社",
  "有限会社",
  "合同会社",
  "合資会社",
  "合名会社",
  "주식회사",
  "유한책임회사",
  "유한회사",
].sort((a, b) => b.length - a.length);

// A misspelt legal form at the end of a name ("GmbX", "Limted") is still a legal form: these have no
// ordinary word within one typo of them.
const TYPO_TOLERANT_LEGAL_FORMS = [
  "gmbh",
  "limited",
  "company",
  "corporation",
  "incorporated",
  "limitada",
  "berhad",
];

// Token sequences of the legal forms, indexed by their first (or last) token and longest first, so
// that checking a position costs one map lookup.
function indexSequences(forms: string[], by: "first" | "last"): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const sequence of forms.map(tokensOf)) {
    const token = by === "first" ? sequence[0] : sequence[sequence.length - 1];
    if (token === undefined) continue;
    index.set(
      token,
      [...(index.get(token) ?? []), sequence].sort((a, b) => b.length - a.length),
    );
  }
  return index;
}
const ANYWHERE = indexSequences(LEGAL_FORMS_ANYWHERE, "first");
const AT_END = indexSequences([...LEGAL_FORMS_ANYWHERE, ...LEGAL_FORMS_AT_END], "last");
const AT_START = indexSequences([...LEGAL_FORMS_ANYWHERE, ...LEGAL_FORMS_AT_START], "first");

function sequenceAt(tokens: string[], at: number, sequence: string[]): boolean {
  return sequence.every((token, offset) => tokens[at + offset] === token);
}

function removeLegalForms(input: string[]): string[] {
  const tokens: string[] = [];
  for (let at = 0; at < input.length; ) {
    const form = ANYWHERE.get(input[at] ?? "")?.find((sequence) => sequenceAt(input, at, sequence));
    if (form) {
      at += form.length;
      continue;
    }
    const token = input[at] ?? "";
    const stripped = CJK.test(token)
      ? CJK_LEGAL_FORMS.reduce((text, legal) => text.split(legal).join(""), token)
      : token;
    if (stripped) tokens.push(stripped);
    at += 1;
  }
  // Forms that are also words go only at the ends, and only while something else remains.
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    const last = tokens[tokens.length - 1] ?? "";
    const atEnd = AT_END.get(last)?.find(
      (sequence) =>
        sequence.length < tokens.length && sequenceAt(tokens, tokens.length - sequence.length, sequence),
    );
    if (atEnd) {
      tokens.splice(tokens.length - atEnd.length);
      changed = true;
    } else if (TYPO_TOLERANT_LEGAL_FORMS.some((form) => editDistance(form, last) === 1)) {
      tokens.pop();
      changed = true;
    }
    const atStart = AT_START.get(tokens[0] ?? "")?.find(
      (sequence) => sequence.length < tokens.length && sequenceAt(tokens, 0, sequence),
    );
    if (atStart) {
      tokens.splice(0, atStart.length);
      changed = true;
    }
  }
  return tokens;
}

const ARTICLES = new Set(["the"]);

// The name the duplicate check compares: case, accents and punctuation folded, "&" = "and", bracketed
// qualifiers and legal forms removed, CJK kept. Never empty for a name with a letter or digit in it.
export function normalizeCompanyName(name: string): string {
  const folded = tokensOf(name);
  const core = removeLegalForms(folded).filter((token) => !ARTICLES.has(token));
  while (core[0] === "and") core.shift();
  while (core[core.length - 1] === "and") core.pop();
  if (core.length > 0) return core.join(" ");
  // A name that is nothing but a legal form ("Company Limited") stays itself.
  if (folded.length > 0) return folded.join(" ");
  return name.trim().toLowerCase();
}

// Words that say what a company does or how it is organised, not which company it is: they count
// little in the name similarity and are not used to find candidates. A maintained list.
const GENERIC_WORDS = new Set(
  `trading trade trader traders international internacional internationale internazionale intl group groups
  grupo gruppe groupe gruppo holding holdings industrial industries industry industrie industrias industria
  industriale import imports importer importers importadora importacion importacao importazione export
  exports exporter exporters exportadora exportacion exportacao esportazione impex imex importexport global
  worldwide enterprise enterprises services service servicios servicos servizi solutions solution soluciones
  solucoes systems system sistemas technology technologies tech technik technique techniques tecnologia
  tecnologias technical products product produkte productos produtos prodotti manufacturing manufacturer
  manufacturers manufacture factory fabrik supplies supply supplier suppliers distribution distributors
  distributor distribuidora distribuzione vertrieb handel handels handelsgesellschaft commerce commercial
  comercial commerciale comercio commercio business sales partners development investment investments
  resources materials equipment machinery machines maschinen maschinenbau engineering electronics electronic
  elektronik electric electrical textile textiles tekstil textil garments apparel foods food lebensmittel
  alimentos chemicals chemical chemie pharma pharmaceutical pharmaceuticals medical plastics plastic
  kunststoff metal metals steel auto automotive parts logistics logistik logistica consulting marketing
  agency network energy general universal overseas sourcing mfg ticaret sanayi ithalat ihracat dis
  dagang perdagangan usaha shoji boeki sangyo kogyo tsusho denki seisakusho kagaku kikai maoyi keji shiye
  jituan hardware furniture construction constructions transport transports transportation shipping freight
  packaging retail wholesale motors tools farms agro agri mining minerals paper printing rubber timber
  lighting fashion cosmetics toys sports optical instruments components devices precision laboratories
  biotech software telecom communications marine seafood fishery garment knitting leather footwear jewelry
  ceramics spedition elektro metallbau werkzeuge werkzeugbau antriebstechnik anlagenbau stahlbau bau
  verpackung systeme dienstleistungen industriebedarf negoce batiment alimentaire equipements distribuciones
  importaciones construcciones alimentacion suministros transportes meccanica tessile alimentari arredamenti
  ceramiche costruzioni trasporti forniture industria comercio materiais dystrybucja budownictwo uslugi
  produkcja przedsiebiorstwo handelsonderneming groothandel bouw techniek installatie gida insaat otomotiv
  makina makine industri teknik niaga goods ware wares sanitary sanitaryware sporting sport building buildings
  pet pets home homeware houseware housewares household kitchen kitchenware tableware bathroom garden gardening
  outdoor solar`.split(/\s+/),
);
const STOP_WORDS = new Set([
  "and",
  "of",
  "de",
  "del",
  "della",
  "di",
  "da",
  "do",
  "dos",
  "du",
  "des",
  "van",
  "von",
]);

// CJK words with the same role as GENERIC_WORDS, found inside unspaced names. Longest first.
const CJK_GENERIC_WORDS =
  `进出口 進出口 供应链 供應鏈 新材料 国际 國際 集团 集團 贸易 貿易 实业 實業 実業 科技 技术 技術
  电子 電子 出口 进口 工业 工業 商贸 商貿 工贸 工貿 发展 發展 控股 产业 產業 産業 商事 物产 物産 商社 制造 製造
  机械 機械 化工 纺织 紡織 服装 服裝 食品 医疗 醫療 网络 網絡 信息 电器 電器 五金 塑胶 塑料 塑膠 材料 设备 設備
  物流 投资 投資 管理 服务 服務 销售 銷售 工厂 工廠 制品 製品 用品 商行 企业 企業 グループ インターナショナル
  トレーディング ホールディングス 무역 산업 전자 상사 그룹 기술 글로벌`
    .split(/\s+/)
    .sort((a, b) => b.length - a.length);

// chars: the text's code points, split once because every candidate compares against them.
export type NameTerm = { text: string; chars: string[]; weight: number; cjk: boolean };

const term = (text: string, weight: number, cjk: boolean): NameTerm => ({
  text,
  chars: [...text],
  weight,
  cjk,
});

const WEIGHT_DISTINCTIVE = 1;
export const WEIGHT_GENERIC = 0.3;
const WEIGHT_STOP = 0.1;

// The words of a normalized name with how much each says about which company it is. A CJK word is
// split into its generic words and the distinctive runs of characters between them.
export function nameTerms(normalized: string): NameTerm[] {
  const terms: NameTerm[] = [];
  for (const token of normalized.split(" ")) {
    if (!token) continue;
    if (!CJK.test(token)) {
      // Initials and the debris of a misspelt legal form ("Sq/A") say as little as a generic word.
      const weight = STOP_WORDS.has(token)
        ? WEIGHT_STOP
        : GENERIC_WORDS.has(token) || token.length <= 2
          ? WEIGHT_GENERIC
          : WEIGHT_DISTINCTIVE;
      terms.push(term(token, weight, false));
      continue;
    }
    let run = "";
    for (let at = 0; at < token.length; ) {
      const generic = CJK_GENERIC_WORDS.find((word) => token.startsWith(word, at));
      if (generic) {
        if (run) terms.push(term(run, WEIGHT_DISTINCTIVE, true));
        run = "";
        terms.push(term(generic, WEIGHT_GENERIC, true));
        at += generic.length;
      } else {
        run += token[at];
        at += 1;
      }
    }
    if (run) terms.push(term(run, WEIGHT_DISTINCTIVE, true));
  }
  return terms;
}

// The distinctive tokens of a normalized name, used to find candidates: its words without generic and
// stop words (all of its words when nothing else is left), and for CJK runs their character bigrams.
export function nameTokens(normalized: string): string[] {
  const terms = nameTerms(normalized);
  const distinctive = terms.filter((term) => term.weight === WEIGHT_DISTINCTIVE);
  const chosen = distinctive.length > 0 ? distinctive : terms.filter((term) => term.weight > WEIGHT_STOP);
  const tokens = new Set<string>();
  for (const term of chosen) {
    const chars = [...term.text];
    if (!term.cjk || chars.length < 3) {
      tokens.add(term.text);
      continue;
    }
    for (let at = 0; at + 1 < chars.length; at += 1) tokens.add(`${chars[at]}${chars[at + 1]}`);
  }
  return [...tokens];
}

// Rows of the distance table, reused: the duplicate check compares thousands of word pairs per request.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

// Optimal string alignment distance (Levenshtein plus adjacent transpositions) of two code point
// sequences, or max + 1 as soon as it is sure to exceed max.
function boundedDistance(s: string[], t: string[], max: number): number {
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  if (rows[0]!.length <= t.length) rows = rows.map(() => new Int32Array(t.length + 64));
  let [beforePrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= t.length; j += 1) previous[j] = j;
  for (let i = 1; i <= s.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Every later cell descends from this row, and no step lowers the distance.
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[t.length]!;
}

export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  return boundedDistance(s, t, Math.max(s.length, t.length));
}

// Two words count as the same word when at most about one character in four differs: one typo in
// "acme" or "hansen", two in "kowalski". Words of three letters or fewer must be equal. A CJK
// character is a word of its own ("中兴" and "中华" are different companies), so CJK runs allow one
// difference in five characters.
const TERM_MATCH_MIN = 0.7;
const CJK_TERM_MATCH_MIN = 0.8;

function termSimilarity(a: NameTerm, b: NameTerm): number {
  if (a.text === b.text) return 1;
  const lengthA = a.chars.length;
  const lengthB = b.chars.length;
  const longest = Math.max(lengthA, lengthB);
  const floor = a.cjk || b.cjk ? CJK_TERM_MATCH_MIN : TERM_MATCH_MIN;
  // The length difference alone is a lower bound of the distance: most pairs stop here.
  if (longest <= 3 || 1 - Math.abs(lengthA - lengthB) / longest < floor) return 0;
  const allowed = Math.floor((1 - floor) * longest + 1e-9);
  const similarity = 1 - boundedDistance(a.chars, b.chars, allowed) / longest;
  return similarity >= floor ? similarity : 0;
}

// Similarity 0..1 of two normalized names. Words are paired greedily by typo-tolerant similarity and
// weighted by how distinctive they are (distinctive 1, generic 0.3, stop word 0.1):
//   score = matched / (matched + max(unmatchedA, unmatchedB) + min(unmatchedA, unmatchedB) / 2)
// so a word missing on one side ("Hansen Maschinenbau" / "Hansen") costs less than two different words
// ("Star Electronics" / "Star Textiles"), and losing one of two distinctive words ("Ocean Star Trading"
// / "Ocean Trading") costs the most. Names equal once spaces are removed ("Sun Power" / "Sunpower")
// score 1.
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a.replaceAll(" ", "") === b.replaceAll(" ", "")) return 1;
  return termsSimilarity(nameTerms(a), nameTerms(b));
}

// nameSimilarity for names already cut into terms, so that a probe is cut once for all candidates.
export function termsSimilarity(termsA: NameTerm[], termsB: NameTerm[]): number {
  const pairs: { i: number; j: number; similarity: number }[] = [];
  termsA.forEach((termA, i) => {
    termsB.forEach((termB, j) => {
      const similarity = termSimilarity(termA, termB);
      if (similarity > 0) pairs.push({ i, j, similarity });
    });
  });
  pairs.sort((x, y) => y.similarity - x.similarity);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matchedA = 0;
  let matchedB = 0;
  for (const { i, j, similarity } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    matchedA += similarity * (termsA[i]?.weight ?? 0);
    matchedB += similarity * (termsB[j]?.weight ?? 0);
  }
  const totalA = termsA.reduce((sum, term) => sum + term.weight, 0);
  const totalB = termsB.reduce((sum, term) => sum + term.weight, 0);
  const matched = (matchedA + matchedB) / 2;
  const unmatchedA = totalA - matchedA;
  const unmatchedB = totalB - matchedB;
  const denominator = matched + Math.max(unmatchedA, unmatchedB) + Math.min(unmatchedA, unmatchedB) / 2;
  return denominator > 0 ? matched / denominator : 0;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

// The website's host, lower-cased, without "www.": "https://www.Acme.de/en" → "acme.de".
export function websiteHost(website: string): string | null {
  const trimmed = website.trim();
  if (!trimmed) return null;
  const host = getHostname(URL_LIKE.test(trimmed) ? trimmed : `http://${trimmed}`);
  if (!host?.includes(".")) return null;
  return host.replace(/^www\d*\./, "").replace(/\.$/, "");
}

// The domain of an e-mail address, lower-cased: "J.Doe@Sales.Acme.de" → "sales.acme.de".
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(domain) ? domain : null;
}

// Free e-mail providers: many unrelated companies share them, so their domains identify nobody.
// A maintained list; providers with a domain per country are matched by name in FREE_MAIL_BRANDS.
const FREE_MAIL_DOMAINS = new Set(
  `gmail.com googlemail.com msn.com passport.com windowslive.com ymail.com rocketmail.com icloud.com me.com
  mac.com protonmail.com protonmail.ch proton.me pm.me tutanota.com tutanota.de tuta.io fastmail.com
  fastmail.fm hushmail.com mail.com email.com usa.com inbox.com aim.com lycos.com excite.com zoho.com
  zohomail.com web.de t-online.de freenet.de arcor.de mail.de posteo.de mail.ru bk.ru inbox.ru list.ru
  internet.ru rambler.ru ya.ru 163.com 126.com yeah.net 188.com qq.com foxmail.com sina.com sina.cn
  sina.com.cn sohu.com aliyun.com 139.com 189.cn wo.cn tom.com 21cn.com naver.com daum.net hanmail.net
  kakao.com nate.com rediffmail.com rediff.com seznam.cz email.cz centrum.cz wp.pl o2.pl interia.pl onet.pl
  op.pl gazeta.pl libero.it virgilio.it alice.it tiscali.it tin.it orange.fr wanadoo.fr free.fr laposte.net
  sfr.fr neuf.fr uol.com.br bol.com.br terra.com.br ig.com.br terra.com att.net sbcglobal.net comcast.net
  verizon.net bellsouth.net cox.net charter.net earthlink.net btinternet.com sky.com virginmedia.com
  ntlworld.com talktalk.net bigpond.com bigpond.net.au optusnet.com.au shaw.ca rogers.com sympatico.ca
  telus.net xtra.co.nz abv.bg ukr.net i.ua meta.ua inbox.lv walla.co.il hinet.net netvigator.com
  singnet.com.sg streamyx.com mynet.com nifty.com biglobe.ne.jp so-net.ne.jp ezweb.ne.jp docomo.ne.jp
  softbank.ne.jp prodigy.net.mx`.split(/\s+/),
);
// Providers present under many country domains: yahoo.co.uk, hotmail.fr, gmx.at, yandex.kz, …
const FREE_MAIL_BRANDS = new Set([
  "yahoo",
  "ymail",
  "hotmail",
  "outlook",
  "live",
  "gmx",
  "yandex",
  "aol",
  "msn",
]);

export function isFreeMailDomain(domain: string): boolean {
  const host = domain.trim().toLowerCase().replace(/\.$/, "");
  if (FREE_MAIL_DOMAINS.has(host)) return true;
  const registrable = getDomain(host);
  if (registrable && FREE_MAIL_DOMAINS.has(registrable)) return true;
  const brand = getDomainWithoutSuffix(host);
  return brand !== null && FREE_MAIL_BRANDS.has(brand);
}

// Platforms whose pages many companies use as "website" (a Facebook page, an Alibaba shop): their
// domain identifies nobody, though a shop's own subdomain (acme.en.alibaba.com) does.
const SHARED_PLATFORM_DOMAINS = new Set(
  `facebook.com fb.com instagram.com linkedin.com twitter.com x.com youtube.com tiktok.com t.me wa.me
  whatsapp.com google.com goo.gl bit.ly linktr.ee alibaba.com aliexpress.com 1688.com taobao.com tmall.com
  jd.com made-in-china.com globalsources.com dhgate.com ec21.com tradekey.com tradeindia.com indiamart.com
  amazon.com ebay.com etsy.com shopee.com lazada.com wix.com wixsite.com weebly.com wordpress.com
  blogspot.com github.io yellowpages.com europages.com kompass.com`.split(/\s+/),
);

export function isSharedPlatformDomain(domain: string): boolean {
  return SHARED_PLATFORM_DOMAINS.has(domain) || SHARED_PLATFORM_DOMAINS.has(getDomain(domain) ?? domain);
}

// The registrable domain of a host or address: "sales@eu.acme.de" and "shop.acme.de" are both
// "acme.de", so a subsidiary's mail server and the main website agree.
function registrableDomain(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

// The domains that identify the company: the website's and its contacts' e-mail domains, as
// registrable domains, without free-mail providers and shared platforms.
export function companyDomains(website: string | null | undefined, emails: string[]): string[] {
  const hosts = [website ? websiteHost(website) : null, ...emails.map(emailDomain)];
  const domains = new Set<string>();
  for (const host of hosts) {
    if (!host || isFreeMailDomain(host)) continue;
    const domain = registrableDomain(host);
    if (!isSharedPlatformDomain(domain)) domains.add(domain);
  }
  return [...domains];
}

// A phone number in E.164 ("+4930123456"), read in the customer's country unless it says otherwise;
// null when it is not a valid number.
export function toE164(phone: string, defaultCountry?: string): string | null {
  const text = phone.trim().replace(/^00(?=[1-9])/, "+");
  if (!text) return null;
  const country = defaultCountry?.toUpperCase();
  const parsed = parsePhoneNumberFromString(
    text,
    country && isSupportedCountry(country) ? (country as CountryCode) : undefined,
  );
  return parsed?.isValid() ? parsed.number : null;
}
