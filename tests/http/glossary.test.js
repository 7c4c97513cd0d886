'use strict';
// glossary.test.js: each language's names of the UNESCO Recommendation's
// values, principles and areas of policy action are its official ones,
// and the course uses no other. File checks, no server: for every
// content/glossary/LANG.yaml, (a) every value, principle and policy-area
// slug of docs/taxonomy.md has a term, with the English name that table
// gives; (b) po/LANG.po translates that English name as the term's
// `official` name; (c) no lesson (.LANG.md), quiz or course.yaml text in
// LANG, or taxonomy page of LANG, contains one of the term's `avoid`
// variants (case-insensitive, whole phrase; in Arabic also behind the
// proclitics و ف ب ك ل); (d) every lesson of every course exists in every
// language its course.yaml lists.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it, describe } = require('node:test');

const ROOT = path.resolve(__dirname, '../..');
const CONTENT = path.join(ROOT, 'content');
const GLOSSARY = path.join(CONTENT, 'glossary');

// Kinds of term and the docs/taxonomy.md section that lists them.
const SECTIONS = {
	value: /^## Values\b/,
	principle: /^## Principles\b/,
	'policy-area': /^## Areas of policy action\b/,
};

// Proclitics a whole Arabic word may carry (and, or "by", "as", "for").
const PROCLITICS = {
	ar: ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'ول', 'فب', 'فل', 'وك', 'فك'],
};

function read(p) {
	return fs.readFileSync(p, 'utf8');
}

function rel(p) {
	return path.relative(ROOT, p);
}

// files(dir, re): every file under dir whose name matches re, sorted.
function files(dir, re) {
	const out = [];
	if (!fs.existsSync(dir))
		return out;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.name.startsWith('.'))
			continue;
		const p = path.join(dir, e.name);
		if (e.isDirectory())
			out.push(...files(p, re));
		else if (re.test(e.name))
			out.push(p);
	}
	return out.sort();
}

// taxonomy(): Map slug -> { kind, en } from the tables of docs/taxonomy.md.
function taxonomy() {
	const out = new Map();
	let kind = null;
	for (const l of read(path.join(ROOT, 'docs/taxonomy.md')).split('\n')) {
		if (/^## /.test(l)) {
			kind = null;
			for (const [k, re] of Object.entries(SECTIONS))
				if (re.test(l))
					kind = k;
			continue;
		}
		const m = /^\| ([a-z0-9-]+) \| (.+) \|$/.exec(l);
		if (kind !== null && m !== null && /[a-z]/.test(m[1]) &&
		    m[1] !== 'slug')
			out.set(m[1], { kind, en: m[2] });
	}
	return out;
}

// glossary(file): { language, source, terms: [{ slug, kind, en, official,
// avoid }] } read from the fixed format of content/glossary/*.yaml
// (strings and arrays written as JSON). Throws "file:line: message" on
// anything else.
function glossary(file) {
	const g = { terms: [] };
	let t = null;
	read(file).split('\n').forEach((l, i) => {
		const where = `${rel(file)}:${i + 1}`;
		let m;
		if (/^\s*(#.*)?$/.test(l) || l === 'terms:')
			return;
		if ((m = /^(language|source): (.+)$/.exec(l))) {
			g[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
		} else if ((m = /^  - slug: ([a-z0-9-]+)$/.exec(l))) {
			t = { slug: m[1], line: i + 1 };
			g.terms.push(t);
		} else if (t !== null &&
		    (m = /^    (kind|en|official|avoid): (.+)$/.exec(l))) {
			const v = m[2].replace(/\s+#.*$/, '');
			try {
				t[m[1]] = /^["[]/.test(v) ? JSON.parse(v) : v;
			} catch (e) {
				throw new Error(`${where}: ${e.message}`);
			}
		} else {
			throw new Error(`${where}: unexpected line: ${l}`);
		}
	});
	return g;
}

// poEntry(po, msgid): the msgstr of msgid in the po text (single-line
// entries, as update-po.sh writes them with --no-wrap), or null.
function poEntry(po, msgid) {
	const q = JSON.stringify(msgid);
	const i = po.indexOf(`\nmsgid ${q}\nmsgstr `);
	if (i < 0)
		return null;
	const rest = po.slice(i + `\nmsgid ${q}\nmsgstr `.length);
	return JSON.parse(rest.slice(0, rest.indexOf('\n')));
}

// fold(s): s compared as a reader would: lower case, Arabic short vowels,
// shadda and tatweel removed, white space collapsed.
function fold(s) {
	return s.toLowerCase().replace(/[\u064B-\u0652\u0670\u0640]/g, '')
	    .replace(/\s+/g, ' ');
}

function escape(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// phraseRe(lang, phrase): a regular expression that finds phrase as a
// whole phrase in folded text, behind the proclitics of lang if any.
function phraseRe(lang, phrase) {
	const p = fold(phrase).trim();
	const pro = (PROCLITICS[lang] || []).map(escape);
	const alts = [escape(p).replace(/ /g, '\\s+')];
	// ل + ال is written لل (للعدالة).
	if (lang === 'ar' && p.startsWith('ال'))
		alts.push('[وف]?لل' + escape(p.slice(2)).replace(/ /g, '\\s+'));
	const pre = pro.length > 0 ? `(?:${pro.join('|')})?` : '';
	const body = `(?:${pre}(?:${alts[0]})` +
	    (alts.length > 1 ? `|${alts[1]}` : '') + ')';
	// Chinese puts no space between words: a variant counts wherever
	// it stands in the running text.
	if (lang === 'zh')
		return new RegExp(body, 'iu');
	return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${body}` +
	    '(?![\\p{L}\\p{M}\\p{N}])', 'iu');
}

// yamlTexts(file, lang): [{ line, text }] of every `lang:` entry of a
// course.yaml or quiz.yaml (a string, or an array of accepted answers).
function yamlTexts(file, lang) {
	const out = [];
	const re = new RegExp(`^\\s*${lang}: (.+)$`);
	read(file).split('\n').forEach((l, i) => {
		const m = re.exec(l);
		if (m === null)
			return;
		const v = JSON.parse(m[1]);
		for (const s of Array.isArray(v) ? v : [v])
			out.push({ line: i + 1, text: s });
	});
	return out;
}

// texts(lang): every text of the language: [{ where, text }].
function texts(lang) {
	const out = [];
	const md = new RegExp(`\\.${lang}\\.md$`);
	for (const f of [...files(path.join(CONTENT, 'courses'), md),
	    ...files(path.join(CONTENT, 'taxonomy'), md)])
		read(f).split('\n').forEach((l, i) =>
		    out.push({ where: `${rel(f)}:${i + 1}`, text: l }));
	for (const f of files(path.join(CONTENT, 'courses'),
	    /^(course|quiz)\.yaml$/))
		for (const t of yamlTexts(f, lang))
			out.push({ where: `${rel(f)}:${t.line}`, text: t.text });
	return out;
}

const glossaries = () => files(GLOSSARY, /\.yaml$/);

describe('glossary: official names of the Recommendation', () => {
	it('there is a glossary', () => {
		assert.ok(glossaries().length > 0, 'no content/glossary/*.yaml');
	});

	it('(a) names every value, principle and policy area of ' +
	    'docs/taxonomy.md, in English as the table does', () => {
		const tax = taxonomy();
		assert.equal(tax.size, 25, 'docs/taxonomy.md: not 4 + 10 + 11');
		for (const f of glossaries()) {
			const g = glossary(f);
			assert.equal(`${g.language}.yaml`, path.basename(f),
			    `${rel(f)}: language`);
			assert.ok(g.source && g.source.length > 0,
			    `${rel(f)}: no source`);
			const seen = new Set();
			for (const t of g.terms) {
				const w = `${rel(f)}:${t.line}: ${t.slug}`;
				assert.ok(!seen.has(t.slug), `${w}: twice`);
				seen.add(t.slug);
				const x = tax.get(t.slug);
				assert.ok(x, `${w}: not a slug of docs/taxonomy.md`);
				assert.equal(t.kind, x.kind, `${w}: kind`);
				assert.equal(t.en, x.en, `${w}: English name`);
				assert.ok(typeof t.official === 'string' &&
				    t.official.length > 0, `${w}: no official name`);
				assert.ok(Array.isArray(t.avoid), `${w}: no avoid list`);
				for (const a of t.avoid)
					assert.doesNotMatch(t.official,
					    phraseRe(g.language, a),
					    `${w}: avoid "${a}" is in the official name`);
			}
			const missing = [...tax.keys()].filter((s) => !seen.has(s));
			assert.deepEqual(missing, [], `${rel(f)}: missing terms`);
		}
	});

	it('(b) po/LANG.po translates each English name as the official ' +
	    'name', () => {
		for (const f of glossaries()) {
			const g = glossary(f);
			const po = path.join(ROOT, 'po', `${g.language}.po`);
			assert.ok(fs.existsSync(po), `${rel(po)}: missing`);
			const text = read(po);
			const bad = [];
			for (const t of g.terms) {
				const s = poEntry(text, t.en);
				if (s !== t.official)
					bad.push(`${rel(po)}: "${t.en}" is "${s}", ` +
					    `not "${t.official}" (${t.slug})`);
			}
			assert.deepEqual(bad, []);
		}
	});

	it('(c) no lesson, quiz, course text or taxonomy page of the ' +
	    'language uses a name to avoid', () => {
		for (const f of glossaries()) {
			const g = glossary(f);
			const all = texts(g.language).map((x) =>
			    ({ where: x.where, text: fold(x.text) }));
			const bad = [];
			for (const t of g.terms) {
				for (const a of t.avoid) {
					const re = phraseRe(g.language, a);
					for (const x of all)
						if (re.test(x.text))
							bad.push(`${x.where}: "${a}" (say ` +
							    `"${t.official}", ${t.slug})`);
				}
			}
			assert.deepEqual(bad, []);
		}
	});

	it('(c) the phrase matcher finds whole phrases only (anywhere in Chinese)', () => {
		const re = phraseRe('ar', 'العدالة وعدم التمييز');
		assert.match(fold('مبدأ العدالة وعدم التمييز.'), re);
		assert.match(fold('يتعلق بالعدالةِ وعدم  التمييز'), re);
		assert.match(fold('للعدالة وعدم التمييز'), re);
		assert.doesNotMatch(fold('العدالة وعدم التمييزات'), re);
		assert.doesNotMatch(fold('الإنصاف وعدم التمييز'), re);
		assert.match('Say Fairness here', phraseRe('en', 'fairness'));
		assert.doesNotMatch('unfairness', phraseRe('en', 'fairness'));
		// Chinese runs words together: a variant inside a sentence
		// counts (it did not before: no space around it).
		assert.match(fold('坚持公平与不歧视原则。'),
		    phraseRe('zh', '公平与不歧视'));
		assert.doesNotMatch(fold('公平和非歧视'),
		    phraseRe('zh', '公平与不歧视'));
	});
});

describe('glossary: every lesson in every course language', () => {
	it('(d) each lesson file of course.yaml exists in each language of ' +
	    '`languages`', () => {
		const courses = files(path.join(CONTENT, 'courses'),
		    /^course\.yaml$/);
		assert.ok(courses.length > 0, 'no course.yaml');
		const missing = [];
		let n = 0;
		for (const c of courses) {
			const text = read(c);
			const m = /^languages: \[([^\]]*)\]$/m.exec(text);
			assert.ok(m, `${rel(c)}: no languages`);
			const langs = m[1].split(',').map((s) => s.trim())
			    .filter((s) => s.length > 0);
			assert.ok(langs.includes('en'), `${rel(c)}: no en`);
			const lessons = [...text.matchAll(/^\s+file: (\S+)$/gm)]
			    .map((x) => x[1]);
			assert.ok(lessons.length > 0, `${rel(c)}: no lessons`);
			for (const l of lessons) {
				for (const lang of langs) {
					n++;
					const p = path.join(path.dirname(c),
					    `${l}.${lang}.md`);
					if (!fs.existsSync(p))
						missing.push(rel(p));
				}
			}
		}
		assert.deepEqual(missing, []);
		assert.ok(n > 0);
	});
});
