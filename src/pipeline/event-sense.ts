/**
 * Word sense through arguments. Some triggers mean an attack only with arguments of the right
 * kind, read from the parse: "fire" needs a weapon or a target ("fired his minister" is a
 * dismissal, "fired back at the president" or "fired questions at" is words: ACCUSE); "strike" with
 * "a deal" is an AGREE; "hit", "seize", "capture", "take", "target" with an abstract object ("hit a
 * record low", "seized the initiative", "captured the imagination") are no events; "marched" by
 * protesters, workers or civilians is a PROTEST; a missile "fired at" somebody is an attack, not a
 * test. A trigger whose arguments say nothing either way keeps its lexicon reading.
 */
import type { Doc } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { caseWord, children, isParsed, subject } from '../syntax/tree.js';
import { mentionsOver } from './doc.js';
import type { TriggerMatch } from './event-triggers.js';

const WEAPONS = new Set(['rocket', 'missile', 'shell', 'shot', 'round', 'bullet', 'mortar', 'artillery', 'drone', 'projectile', 'salvo', 'barrage', 'volley', 'gun', 'weapon', 'gas', 'teargas', 'grenade', 'cannon', 'bomb', 'munition', 'torpedo', 'flare', 'burst', 'fire']);
/** Shots named for what they say: "a warning shot", "a parting shot", "an opening salvo", "a broadside". */
const SHOT_KINDS = new Set(['warning', 'parting', 'opening', 'first']);
const SAYING_SHOTS = new Set(['broadside', 'salvo']);
/** Objects that make "fire ... at" a verbal attack. */
const WORDS = new Set(['question', 'criticism', 'broadside', 'warning', 'word', 'barb', 'accusation', 'remark', 'letter', 'salvo', 'jab', 'insult', 'attack', 'shot', 'volley', 'email', 'message', 'tweet', 'statement']);
/** Objects that name a post or a person: "fired his economy minister", "fired the coach". */
const POSTS = new Set(['minister', 'official', 'employee', 'coach', 'manager', 'staff', 'chief', 'head', 'director', 'adviser', 'advisor', 'aide', 'secretary', 'governor', 'commander', 'general', 'prosecutor', 'judge', 'worker', 'cabinet', 'spokesman', 'spokeswoman']);
const AGREEMENTS = new Set(['deal', 'agreement', 'accord', 'bargain', 'compromise', 'pact', 'truce', 'understanding', 'settlement']);
/** Abstract objects: "hit a record", "seized the initiative", "struck a chord", "captured the imagination". */
const ABSTRACT = new Set(['place', 'part', 'office', 'note', 'effect', 'shape', 'root', 'record', 'low', 'high', 'headline', 'snag', 'milestone', 'wall', 'nerve', 'chord', 'tone', 'note', 'balance', 'pose', 'opportunity', 'moment', 'initiative', 'chance', 'imagination', 'attention', 'heart', 'mood', 'spirit', 'rate', 'inflation', 'market', 'voter', 'audience', 'consumer', 'goal']);
/** Sectors of people who march in protest rather than as troops. */
const CIVIL_SECTORS = new Set(['OPP', 'CVL', 'LAB', 'HLH', 'EDU', 'REF', 'NGO']);
const AIMED = new Set(['at', 'on', 'into', 'toward', 'towards', 'against', 'upon']);
const AIMED_AT = new Set(['at', 'on', 'toward', 'towards', 'against', 'upon']);

/** Verbs that tell a market's moves as well as a force's, and what moves in a market. */
const MARKET_MOVES = new Set(['retreat', 'fall', 'pull', 'withdraw', 'surrender']);
const MARKETS = new Set(['currency', 'share', 'stock', 'index', 'price', 'bond', 'yield', 'market', 'dollar', 'euro', 'pound', 'yen', 'yuan',
  'rouble', 'ruble', 'rupee', 'peso', 'lira', 'naira', 'shilling', 'rand', 'cedi', 'franc', 'real', 'shekel', 'dinar', 'riyal', 'won', 'hryvnia',
  'ringgit', 'rupiah', 'baht', 'dong', 'taka', 'kwacha', 'birr', 'leu', 'forint', 'zloty', 'krona', 'krone', 'bitcoin', 'gold', 'oil', 'crude']);

const SENSE_VERBS = new Set(['fire', 'strike', 'hit', 'march', 'target', 'seize', 'capture', 'take', 'launch']);
const TAKING = new Set(['seize', 'capture', 'take']);
/** Nouns of ground held: taking one is an attack on territory, not a seizure of goods or an arrest. */
const TERRITORY = new Set(['city', 'town', 'village', 'territory', 'base', 'position', 'hill', 'airport', 'district', 'region', 'province', 'stronghold', 'capital', 'outpost', 'checkpoint', 'port', 'swath', 'bridge', 'settlement', 'airfield', 'border', 'frontline', 'garrison', 'area', 'island', 'crossing']);

/** The trigger as its arguments read it: unchanged, retyped, or null when it is no event. */
export function senseOf(doc: Doc, m: TriggerMatch, kb: Knowledge): TriggerMatch | null {
  const t = m.c.trigger;
  if (t.type === 'ASSAULT' && isParsed(doc) && labourStrike(doc, m, kb)) {
    return { ...m, c: { ...m.c, trigger: { ...t, type: 'PROTEST', mode: 'strike', cameo: '143', context: 'labour', target: ['against'], targetRequired: false } } };
  }
  // ("recalled its ambassador in protest", "resigned in protest at the law": a manner, not a protest)
  if (t.type === 'PROTEST' && t.pos === 'noun' && isParsed(doc) && m.tokens.length === 1 && doc.tokens[m.head].lemma === 'protest' &&
    caseWord(doc, m.head) === 'in' && !children(doc, m.head, 'det', 'amod', 'nmod:poss').length) return null;
  if (t.pos !== 'verb' || !isParsed(doc)) return m;
  // ("the African Union suspended Gabon": suspending a state, not talks or officials, is a sanction)
  if (t.id === 'sanction-suspend-state' && !children(doc, m.head, 'obj').some((o) => mentionsOver(doc, o).some((x) => ['country', 'government'].includes(doc.entities.get(x.entityId)?.kind ?? '')))) return null;
  // ("told AFP that troops had withdrawn": what someone is told in a clause with a subject of its own
  // is a statement, not what they were told to do, "told them to leave"; "demanded that Israel
  // stop" is still a demand)
  if (t.type === 'REQUEST' && doc.tokens[m.head].lemma === 'tell' && m.tokens.slice(1).some((k) => (doc.tokens[k].upos ?? '') === 'VERB' && children(doc, k, 'nsubj', 'nsubj:pass').length > 0)) return null;
  const h = m.head;
  const lemma = doc.tokens[h].lemma.toLowerCase();
  // ("'What crime did I commit?' he asked": asking with no one asked and nothing asked for is a question)
  if (t.type === 'REQUEST' && lemma === 'ask' && !children(doc, h, 'obj', 'iobj', 'xcomp', 'ccomp').length && !children(doc, h, 'obl').some((k) => caseWord(doc, k) === 'for')) return null;
  // ("Duterte was flown to the Netherlands": one taken somewhere makes no visit)
  // (a headline drops the auxiliary: "Philippines' Duterte Flown to The Hague")
  const headlinePassive = doc.sentences[doc.tokens[h].sentence]?.headline && doc.tokens[h].xpos === 'VBN' && !children(doc, h, 'aux').length;
  if (t.type === 'CONSULT' && t.mode === 'visit' && /^(fly|travel|head|take|bring)$/.test(lemma) && (children(doc, h, 'aux:pass').length || headlinePassive) && !children(doc, h, 'obl:agent').length) return null;
  // ("said one resident, who asked not to be named": a source's wish to stay unnamed is no request)
  if (t.type === 'REQUEST' && children(doc, h, 'xcomp').some((c) => /^(named|identified|quoted)$/.test(doc.tokens[c].text.toLowerCase()) && children(doc, c, 'aux:pass').length > 0)) return null;
  // ("the naira retreated against the dollar", "shares retreated": markets move; no one withdraws)
  if (t.type === 'RETREAT' && MARKET_MOVES.has(lemma)) {
    const subj = children(doc, h, 'nsubj')[0];
    if (subj !== undefined && MARKETS.has(doc.tokens[subj].lemma.toLowerCase())) return null;
  }
  // ("troops pulled out of their bases in Mogadishu, handing the positions to … African Union
  // peacekeepers": leaving ground is a military withdrawal, whatever bloc the sentence names elsewhere)
  if (t.type === 'SANCTION' && t.mode === 'withdraw' && LEAVING.has(lemma) && children(doc, h, 'obl').some((k) => ['of', 'from'].includes(caseWord(doc, k)) && territory(doc, k))) {
    return { ...m, c: { ...m.c, trigger: { ...t, type: 'RETREAT', mode: 'withdraw', context: 'military', cameo: '0874', target: ['from'], targetRequired: false } } };
  }
  // "protesters stormed the embassy", "rioters attacked police": violence by a crowd is a riot
  if (t.type === 'ASSAULT' && protestSubject(doc, h, kb)) {
    return { ...m, c: { ...m.c, trigger: { ...t, type: 'PROTEST', mode: 'riot', cameo: '145', targetRequired: false } } };
  }
  // "Japan protested the launch through diplomatic channels": a state's protest is a complaint (ACCUSE),
  // a crowd's is a protest
  if (t.type === 'PROTEST' && lemma === 'protest' && stateSubject(doc, h)) {
    return { ...m, c: { ...m.c, trigger: { ...t, type: 'ACCUSE', mode: 'disapprove', cameo: '111', target: ['obj', 'against', 'to'], targetRequired: false } } };
  }
  // ("the minister came under fire from lawmakers over the budget": fire that comes from people who
  // speak, or fire over a matter, is criticism)
  if (t.undergoes && t.type === 'ASSAULT') {
    const phrases = [h, ...m.tokens].flatMap((k) => children(doc, k, 'obl', 'nmod'));
    const from = phrases.find((k) => caseWord(doc, k) === 'from');
    const over = phrases.some((k) => caseWord(doc, k) === 'over');
    const fire = m.tokens.some((k) => /^(fire|attack|criticism)$/.test(doc.tokens[k].lemma.toLowerCase()));
    if (fire && (from !== undefined ? !armedNoun(doc, from, kb) : over)) {
      return { ...m, c: { ...m.c, trigger: { ...t, type: 'ACCUSE', mode: 'disapprove', cameo: '111', target: [], targetRequired: false } } };
    }
  }
  if (!SENSE_VERBS.has(lemma)) return m;
  const objs = children(doc, h, 'obj').map((k) => doc.tokens[k].lemma.toLowerCase());
  const obj = objs[0];
  // "fired a barrage of questions": the "of" phrase names what was fired
  const ofHead = children(doc, h, 'obj').flatMap((k) => children(doc, k, 'nmod')).find((k) => caseWord(doc, k) === 'of');
  const fired = ofHead !== undefined && (obj === 'barrage' || obj === 'salvo' || obj === 'volley' || obj === 'stream' || obj === 'flurry') ? doc.tokens[ofHead].lemma.toLowerCase() : obj;
  // ("fired back at X": the phrase may hang on the particle)
  // (a time is no aim: "on Thursday")
  const isTime = (k: number) => doc.times.some((x) => x.start <= doc.tokens[k].start && doc.tokens[k].end <= x.end);
  const aimedWith = (cases: Set<string>) => [h, ...children(doc, h, 'advmod', 'compound:prt')].some((v) =>
    children(doc, v, 'obl').some((k) => !isTime(k) && cases.has(caseWord(doc, k).split(' ').pop() ?? '')));
  const aimed = aimedWith(AIMED);
  // ("into the sea" is where a test lands; "at", "on", "towards" name what is aimed at)
  const attacked = aimedWith(AIMED_AT);
  const retype = (type: string, mode: string | null, target: string[]): TriggerMatch =>
    ({ ...m, c: { ...m.c, trigger: { ...t, type, mode, cameo: null, target, targetRequired: false } } });
  if (lemma === 'fire') {
    if (fired && WORDS.has(fired) && !WEAPONS.has(fired)) return retype('ACCUSE', 'disapprove', ['at', 'obj']);
    if (obj && POSTS.has(obj) && !aimed) return null;
    // "fired back at the president": no weapon, a person or a body at the other end, a civilian speaker
    if (!obj && aimed && t.type === 'ASSAULT' && !armedSubject(doc, h, kb)) return retype('ACCUSE', 'disapprove', ['at']);
    // ("the finance minister fired a warning shot at critics", "fired a broadside at the opposition":
    // a shot named for what it says, fired by a civilian speaker, is words)
    const saying = children(doc, h, 'obj').some((k) => SAYING_SHOTS.has(doc.tokens[k].lemma.toLowerCase()) ||
      (doc.tokens[k].lemma === 'shot' && children(doc, k, 'compound', 'amod').some((c) => SHOT_KINDS.has(doc.tokens[c].lemma.toLowerCase()))));
    if (saying && aimed && t.type === 'ASSAULT' && !armedSubject(doc, h, kb)) return retype('ACCUSE', 'disapprove', ['at']);
    // a weapon fired at somebody is an attack, whatever the test-launch reading said
    if (obj && WEAPONS.has(obj) && attacked && t.type === 'MOBILIZE') return retype('ASSAULT', 'heavy-weapons', ['at', 'on', 'into', 'toward', 'towards']);
    return m;
  }
  if (lemma === 'launch' && obj && WEAPONS.has(obj) && attacked && t.type === 'MOBILIZE') return retype('ASSAULT', 'heavy-weapons', ['at', 'on', 'into', 'toward', 'towards']);
  if (lemma === 'strike' && obj && AGREEMENTS.has(obj)) return t.type === 'AGREE' ? m : retype('AGREE', null, ['with']);
  if (obj && ABSTRACT.has(obj) && t.type !== 'AGREE') return null;
  // "seized on the scandal": a figurative seizing has an "on" phrase and no object
  // (not "was seized on Monday": a passive has its object as subject, and a time is no topic)
  const passive = children(doc, h, 'aux:pass', 'nsubj:pass').length > 0;
  if ((lemma === 'seize' || lemma === 'pounce') && !obj && !passive && children(doc, h, 'obl').some((k) => !isTime(k) && ['on', 'upon'].includes(caseWord(doc, k)))) return null;
  if (lemma === 'march' && t.type !== 'PROTEST' && civilSubject(doc, h, kb)) return retype('PROTEST', 'demo', ['to', 'on', 'through', 'against']);
  // "the town was seized by the Arakan Army", "seized Goma": ground taken, active or passive, is an
  // attack on territory whatever other reading the verb had
  if (TAKING.has(lemma) && t.type !== 'ASSAULT') {
    if (children(doc, h, 'obj', 'nsubj:pass').some((k) => territory(doc, k))) {
      return { ...m, c: { ...m.c, trigger: { ...t, type: 'ASSAULT', mode: null, context: 'territory', cameo: '190', target: ['from'], targetRequired: false } } };
    }
  }
  return m;
}

/** Verbs of leaving a place or a body ("pull out of", "withdraw from"); not "recalled its diplomats from". */
const LEAVING = new Set(['pull', 'withdraw', 'retreat', 'leave', 'quit', 'exit']);

/** Words that make a "strike" a stoppage of work: "general strike", "a nationwide strike". */
const STOPPAGE = new Set(['general', 'national', 'nationwide', 'indefinite', 'labour', 'labor', 'hunger', 'rail', 'transport', 'wildcat', 'one-day', 'warning', 'teachers', 'doctors', 'workers']);

/**
 * "unions launched a general strike", "rail workers staged a strike": a strike named as a stoppage, or
 * called by people of a civil sector, is a protest, not an attack.
 */
function labourStrike(doc: Doc, m: TriggerMatch, kb: Knowledge): boolean {
  const k = m.tokens.find((x) => doc.tokens[x].lemma === 'strike' && (doc.tokens[x].upos ?? doc.tokens[x].pos) === 'NOUN');
  if (k === undefined || /^air/i.test(doc.tokens[k - 1]?.text ?? '')) return false;
  if (children(doc, k, 'amod', 'compound').some((c) => STOPPAGE.has(doc.tokens[c].text.toLowerCase()))) return true;
  const v = m.head !== k ? m.head : doc.tokens[k].head ?? -1;
  const sector = v >= 0 ? subjectSector(doc, v, kb) : null;
  return !!sector && CIVIL_SECTORS.has(sector);
}

/** Whether the verb's active subject names a state, its government or one of its office holders. */
function stateSubject(doc: Doc, h: number): boolean {
  const subj = subject(doc, h);
  if (!subj || subj.passive) return false;
  const m = mentionsOver(doc, subj.token)[0];
  const e = m ? doc.entities.get(m.entityId) : undefined;
  return !!e && (e.kind === 'country' || e.kind === 'government' || (e.kind === 'person' && !!e.iso3 && !!e.role && /GOV$/.test(e.cameo ?? '')));
}

/** Whether the phrase at k names ground: a place the gazetteer knows, or a noun of territory. */
function territory(doc: Doc, k: number): boolean {
  const w = doc.tokens[k];
  if (TERRITORY.has(w.lemma.toLowerCase())) return true;
  return doc.places.some((p) => p.start <= w.start && w.end <= p.end);
}

/** The sector record of the word heading the active subject ("protesters", "troops"), if any. */
function subjectSectorRecord(doc: Doc, h: number, kb: Knowledge) {
  const subj = subject(doc, h);
  return subj && !subj.passive ? kb.sectorOf(doc.tokens[subj.token]) : undefined;
}

function subjectSector(doc: Doc, h: number, kb: Knowledge): string | null {
  return subjectSectorRecord(doc, h, kb)?.sector ?? null;
}

/** Whether the verb's active subject is a crowd in protest ("protesters", "rioters", "demonstrators"). */
export function protestSubject(doc: Doc, h: number, kb: Knowledge): boolean {
  return subjectSectorRecord(doc, h, kb)?.id === 'opp-protesters';
}

function civilSubject(doc: Doc, h: number, kb: Knowledge): boolean {
  const sector = subjectSector(doc, h, kb);
  return !!sector && CIVIL_SECTORS.has(sector);
}

/** People who shoot: a noun with no sector of its own may still name them. */
const SHOOTERS = new Set(['sniper', 'gunman', 'gunmen', 'assailant', 'attacker', 'insurgent', 'militant', 'fighter', 'troop', 'soldier', 'tank', 'jet', 'warplane', 'aircraft', 'helicopter', 'warship', 'ship', 'vessel', 'position', 'side']);

/**
 * Whether the noun at k names someone who can shoot: a military, police or rebel word, a weapon,
 * or an actor that is not a person, party, government, opposition, IGO or NGO.
 */
function armedNoun(doc: Doc, k: number, kb: Knowledge): boolean {
  const sector = kb.sectorOf(doc.tokens[k])?.sector;
  if (sector === 'MIL' || sector === 'COP' || sector === 'REB') return true;
  if (sector) return false;
  const lemma = doc.tokens[k].lemma.toLowerCase();
  if (SHOOTERS.has(lemma) || WEAPONS.has(lemma)) return true;
  const speaks = speakerNamed(doc, k);
  return speaks === null ? false : !speaks;
}

const SPEAKING_KINDS = new Set(['person', 'party', 'government', 'opposition', 'igo', 'ngo']);

/** Whether the actor named at token k speaks rather than shoots (a person, a party, a government, an IGO …); null when none is named there. */
function speakerNamed(doc: Doc, k: number): boolean | null {
  const m = mentionsOver(doc, k)[0];
  return m ? SPEAKING_KINDS.has(doc.entities.get(m.entityId)?.kind ?? '') : null;
}

/** Whether the subject is armed: a military or police word, or an armed group or state force named. */
function armedSubject(doc: Doc, h: number, kb: Knowledge): boolean {
  const sector = subjectSector(doc, h, kb);
  if (sector === 'MIL' || sector === 'COP' || sector === 'REB') return true;
  // (a noun of any other sector speaks: "the ambassador fired back at critics")
  if (sector) return false;
  const subj = subject(doc, h);
  if (!subj) return true; // nothing known: keep the lexicon's reading
  // a person, a party, a government speaks; an unknown noun ("gunmen") may shoot
  return !speakerNamed(doc, subj.token);
}
