'use strict';
// content.test.js: the course content and the names it uses say what
// their sources say. File checks over content/, docs/, po/ and the
// taxonomy table: the official name of value 1 of the UNESCO
// Recommendation everywhere it is written; the current OECD and EU AI Act
// definition of an AI system ("explicit or implicit objectives", the 2019
// OECD wording only as history); links named after the Ethical Impact
// Assessment lead to it; no quiz question repeats another of the same
// course; one Korean name for the EU AI Act (a Regulation: 규정, never
// 규칙) and the Korean AI Basic Act dated the same way everywhere (in
// force since 22 January 2026); every Korean lesson keeps what its English
// original says (its sources, years, case cards, structure, and the
// grounds of discrimination it names). Then pages in English and Korean:
// the value page with value 1's name, and the administrator's user list
// with the role names (learner, author, reviewer, chair, admin) translated
// while the form still sends the role's code.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it, describe } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const ROOT = S.ROOT;
const CONTENT = path.join(ROOT, 'content');

// Value 1, as section III.1 of the Recommendation names it, and the
// Korean name used in the lessons and the UI.
const VALUE1_EN = 'Respect, protection and promotion of human rights and ' +
    'fundamental freedoms and human dignity';
const VALUE1_KO = '인권과 기본적 자유 및 인간 존엄성의 존중, 보호 및 증진';
// The wording it replaced (a comma where the Recommendation says "and").
const VALUE1_OLD = /human rights, fundamental freedoms and human dignity/i;

// files(dir, re): every file under dir whose name matches re, sorted.
function files(dir, re) {
	const out = [];
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

function read(p) {
	return fs.readFileSync(p, 'utf8');
}

function rel(p) {
	return path.relative(ROOT, p);
}

// hits(list, re): "file:line: text" for each line of the files in list
// that matches re.
function hits(list, re) {
	const out = [];
	for (const f of list) {
		read(f).split('\n').forEach((l, i) => {
			if (re.test(l))
				out.push(`${rel(f)}:${i + 1}: ${l}`);
		});
	}
	return out;
}

// sentences(list, re): "file:line: sentence" for each sentence (text up
// to a full stop followed by a space) of the files in list that matches
// re.
function sentences(list, re) {
	const out = [];
	for (const f of list) {
		read(f).split('\n').forEach((l, i) => {
			for (const s of l.split(/(?<=[.!?])\s+/))
				if (re.test(s))
					out.push(`${rel(f)}:${i + 1}: ${s}`);
		});
	}
	return out;
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

const TEXT = /\.(md|yaml|case|po|pot|c|html)$/;

describe('content: value 1 of the Recommendation', () => {
	it('the taxonomy table, docs and every po file use the official ' +
	    'name', () => {
		const tax = read(path.join(ROOT, 'src/domain/taxonomy.c'))
		    .replace(/"\s*\n\s*"/g, '');
		assert.ok(tax.includes(`{ "human-rights", N_("${VALUE1_EN}") }`),
		    'src/domain/taxonomy.c: value 1 is not the official name');
		assert.ok(read(path.join(ROOT, 'docs/taxonomy.md'))
		    .includes(`| human-rights | ${VALUE1_EN} |`));
		for (const f of files(path.join(ROOT, 'po'), /\.pot?$/)) {
			const t = poEntry(read(f), VALUE1_EN);
			assert.notEqual(t, null, `${rel(f)}: no msgid for value 1`);
			if (f.endsWith('.pot'))
				continue;
			assert.ok(t.length > 0 && t !== VALUE1_EN,
			    `${rel(f)}: value 1 is not translated`);
			if (f.endsWith('ko.po'))
				assert.equal(t, VALUE1_KO);
		}
	});

	it('the lesson and the m01 quiz use the official name in English ' +
	    'and Korean', () => {
		const m01 = path.join(CONTENT, 'courses/ethics-of-ai/m01');
		const en = read(path.join(m01, 'the-recommendation.en.md'));
		const ko = read(path.join(m01, 'the-recommendation.ko.md'));
		assert.ok(en.includes(`1. **${VALUE1_EN}**`));
		assert.ok(ko.includes(`1. **${VALUE1_KO}**`));
		const quiz = read(path.join(m01, 'quiz.yaml'));
		assert.ok(quiz.includes(`en: "${VALUE1_EN}"`),
		    'm01 quiz q2: English option a');
		assert.ok(quiz.includes(`ko: "${VALUE1_KO}"`),
		    'm01 quiz q2: Korean option a');
	});

	it('nothing still uses the old wording', () => {
		const list = [
			...files(CONTENT, TEXT), ...files(path.join(ROOT, 'docs'),
			    TEXT), ...files(path.join(ROOT, 'po'), TEXT),
			...files(path.join(ROOT, 'src'), TEXT),
			...files(path.join(ROOT, 'templates'), TEXT),
		];
		assert.deepEqual(hits(list, VALUE1_OLD), []);
		assert.deepEqual(hits(list, /인권, 기본적 자유, 인간 존엄성/),
		    []);
	});
});

describe('content: the definition of an AI system', () => {
	const md = () => files(CONTENT, /\.(en|ko)\.md$/);

	it('is quoted with "explicit or implicit objectives" in English ' +
	    'and Korean, and says whose it is', () => {
		const en = hits(md(), /infers,? from the input it receives/);
		const ko = hits(md(), /입력으로부터 .*추론/);
		assert.ok(en.length > 0 && ko.length > 0,
		    'no lesson quotes the definition');
		for (const h of en) {
			assert.match(h, /for explicit or implicit objectives/, h);
			assert.match(h, /OECD[^.]*2023/, h);
			assert.match(h, /EU AI Act \(Article 3\)/, h);
		}
		for (const h of ko) {
			assert.match(h, /명시적 또는 묵시적 목표/, h);
			assert.match(h, /OECD\(2023년/, h);
			assert.match(h, /EU 인공지능법\(제3조\)/, h);
		}
	});

	it('gives the 2019 OECD wording only as the earlier one', () => {
		for (const h of hits(md(),
		    /given set of|주어진 목표|일련의 목표/))
			assert.match(h, /2019/, h);
	});
});

// The Ethical Impact Assessment: the UNESCO publication and the tool's
// page on UNESCO's Global AI Ethics and Governance Observatory.
const EIA_URLS = [
	'https://unesdoc.unesco.org/ark:/48223/pf0000386276',
	'https://www.unesco.org/ethics-ai/en/eia',
];

describe('content: links', () => {
	it('a source named after the Ethical Impact Assessment points to ' +
	    'it, not to the Recommendation', () => {
		const list = hits(files(CONTENT, /\.md$/),
		    /Ethical Impact Assessment|윤리적 영향 평가/);
		let n = 0;
		for (const h of list) {
			const md = [...h.matchAll(/\[([^\]]*)\]\((https?:[^)\s]+)\)/g)];
			const links = md.length > 0 ? md.filter((m) =>
			    /Ethical Impact Assessment|윤리적 영향 평가/
			    .test(m[1])).map((m) => m[2]) :
			    /^\S+:\d+: - /.test(h) ?
			    [...h.matchAll(/https?:\/\/[^\s)>]+/g)]
			    .map((m) => m[0]) : [];
			for (const u of links) {
				n++;
				assert.ok(EIA_URLS.includes(u), `${h}\n${u}`);
			}
		}
		assert.ok(n >= 4, `only ${n} Ethical Impact Assessment links`);
	});
});

// quizQuestions(text): the questions of a quiz.yaml written as
// docs/course-format.md shows it (the layout every quiz of content/
// uses): [{ id, type, prompt: {lang: s}, accept: {lang: [s]},
// correct: [{lang: s}] }].
function quizQuestions(text) {
	const qs = [];
	let q = null;
	let block = null;
	let opt = null;
	for (const l of text.split('\n')) {
		let m;
		if ((m = /^  - id: (\S+)$/.exec(l))) {
			q = { id: m[1], prompt: {}, accept: {}, correct: [] };
			qs.push(q);
			block = null;
		} else if (q === null) {
			continue;
		} else if ((m = /^    (\w+):(.*)$/.exec(l))) {
			block = m[1];
			if (block === 'type')
				q.type = m[2].trim();
		} else if ((m = /^      (\w\w): (.*)$/.exec(l)) &&
		    (block === 'prompt' || block === 'accept')) {
			q[block][m[1]] = JSON.parse(m[2]);
		} else if ((m = /^      - id: /.exec(l))) {
			opt = {};
		} else if ((m = /^          (\w\w): (".*")$/.exec(l)) &&
		    opt !== null) {
			opt[m[1]] = JSON.parse(m[2]);
		} else if (/^        correct: true$/.test(l) && opt !== null) {
			q.correct.push(opt);
		}
	}
	return qs;
}

function norm(s) {
	return s.toLowerCase().replace(/[\s\-–—.,:;!?()"'’]+/g, ' ').trim();
}

describe('content: quizzes', () => {
	it('no question repeats another of the same course (same prompt, ' +
	    'accepted answer or only correct option)', () => {
		const courses = path.join(CONTENT, 'courses');
		let n = 0;
		for (const course of fs.readdirSync(courses)) {
			const seen = new Map();
			const dup = [];
			for (const f of files(path.join(courses, course),
			    /^quiz\.yaml$/)) {
				const qs = quizQuestions(read(f));
				assert.ok(qs.length > 0, `${rel(f)}: no question`);
				for (const q of qs) {
					n++;
					const where = `${rel(f)} ${q.id}`;
					const keys = new Set();
					for (const [l, p] of Object.entries(q.prompt))
						keys.add(`prompt ${l}: ${norm(p)}`);
					for (const [l, a] of Object.entries(q.accept))
						for (const s of a)
							keys.add(`answer ${l}: ${norm(s)}`);
					if (q.type === 'single')
						for (const o of q.correct)
							for (const [l, s] of Object.entries(o))
								keys.add(`correct ${l}: ${norm(s)}`);
					for (const k of keys) {
						const was = seen.get(k);
						if (was !== undefined)
							dup.push(`${where}: ${was} (${k})`);
						seen.set(k, was || where);
					}
				}
			}
			assert.deepEqual(dup, []);
		}
		assert.ok(n > 50, `only ${n} questions read`);
	});

	it('the answer to a text question is taught in its own module, in ' +
	    'each language', () => {
		const missing = [];
		for (const f of files(path.join(CONTENT, 'courses'),
		    /^quiz\.yaml$/)) {
			const dir = path.dirname(f);
			for (const q of quizQuestions(read(f))) {
				for (const [l, a] of Object.entries(q.accept)) {
					const taught = files(dir,
					    new RegExp(`\\.${l}\\.md$`)).map((x) =>
					    read(x).toLowerCase()).join('\n');
					if (!a.some((s) => taught.includes(
					    s.toLowerCase())))
						missing.push(`${rel(f)} ${q.id} ${l}`);
				}
			}
		}
		assert.deepEqual(missing, []);
	});
});

describe('content: laws named and dated one way', () => {
	// Korean text: the lessons, and every file with Korean sections or
	// lines (quizzes, manifests, cases, the taxonomy, ko.po).
	const korean = () => [
		...files(CONTENT, /\.(ko\.md|yaml|case)$/),
		path.join(ROOT, 'po/ko.po'),
	];

	it('Korean content calls the EU AI Act "EU 인공지능법" and cites ' +
	    'EU Regulations as 규정, never 규칙', () => {
		assert.deepEqual(hits(korean(), new RegExp([
			'규칙\\s*\\(EU\\)',		// 규칙 (EU) 2024/1689
			'EU\\s*(AI|인공지능)\\s*규[칙정]',	// EU AI 규칙
			'EU\\s*AI\\s*법',		// EU AI법
			'유럽연합\\s*(AI|인공지능)',	// 유럽연합 인공지능법
			'(AI|인공지능)\\s*규칙\\s*\\(',
			'규정\\s+20\\d\\d/',		// 규정 2024/1689
		].join('|'))), []);
		const cites = hits(korean(), /2024\/1689/);
		assert.ok(cites.length >= 5);
		for (const h of cites)
			assert.match(h, /규정 \(EU\) 2024\/1689|Regulation \(EU\)/,
			    h);
		assert.ok(hits(files(CONTENT, /\.ko\.md$/), /EU 인공지능법/)
		    .length >= 5);
	});

	it('the Korean AI Basic Act is in force since 22 January 2026 in ' +
	    'every lesson that dates it, in English and Korean', () => {
		const act = '(인공지능 발전과 신뢰 기반 조성 등에 관한 ' +
		    '기본법|인공지능 기본법)';
		const ko = sentences(files(CONTENT, /\.ko\.md$/), new RegExp(
		    `${act}.*20\\d\\d년|20\\d\\d년.*${act}`));
		assert.ok(ko.length >= 4, `only ${ko.length} dated mentions`);
		for (const h of ko) {
			assert.match(h, /2026년 1월 22일부터 시행/, h);
			assert.doesNotMatch(h,
			    /시행(될|할|\s*예정|되며)|2026년 1월 시행|2026년 1월부터/,
			    h);
			if (/공포/.test(h))
				assert.match(h, /2025년 1월 21일 공포/, h);
		}
		const en = sentences(files(CONTENT, /\.en\.md$/),
		    /AI Basic Act.*20\d\d/);
		assert.ok(en.length >= 2, `only ${en.length} dated mentions`);
		for (const h of en) {
			assert.match(h, /in force since 22 January 2026/, h);
			assert.doesNotMatch(h,
			    /in force from|will (enter|take|come|apply)/, h);
			if (/promulgated/.test(h))
				assert.match(h, /promulgated on 21 January 2025/, h);
		}
	});
});

// Terms a Korean lesson must carry when its English original uses them:
// grounds of discrimination the fairness lessons name, and terms the
// Korean text once dropped.
const CARRY = [
	[/\bcaste\b/i, '카스트'],
	[/\bmigration status\b/i, '이주'],
	[/\bminority language/i, '소수 언어'],
	[/\bdisabilit(y|ies)\b/i, '장애'],
	[/\breligio(n|us)\b/i, '종교'],
	[/\bintersection/i, '교차'],
];

// shape(md): how many headings, numbered items, bullets and case cards a
// lesson has (paragraph lines are not counted: they wrap differently).
function shape(md) {
	const n = { heading: 0, numbered: 0, bullet: 0, card: 0 };
	for (const l of md.split('\n')) {
		if (/^#+ /.test(l))
			n.heading++;
		else if (/^\d+\. /.test(l))
			n.numbered++;
		else if (/^- /.test(l))
			n.bullet++;
		else if (/^::case\[/.test(l))
			n.card++;
	}
	return n;
}

describe('content: Korean lessons keep what the English says', () => {
	const pairs = () => files(CONTENT, /\.en\.md$/).map((en) =>
	    [en, en.replace(/\.en\.md$/, '.ko.md')])
	    .filter(([, ko]) => fs.existsSync(ko));

	it('the same sources, years, case cards and structure', () => {
		const bad = [];
		const year = /(?<![\d/.])(?:19|20)\d\d(?![\d/])/g;
		const url = /https?:\/\/[^\s)>\]]+/g;
		const card = /^::case\[[^\]]*\]/gm;
		assert.ok(pairs().length >= 20);
		for (const [en, ko] of pairs()) {
			const a = read(en);
			const b = read(ko);
			for (const re of [year, url, card]) {
				const have = new Set(b.match(re) || []);
				for (const x of new Set(a.match(re) || []))
					if (!have.has(x))
						bad.push(`${rel(ko)}: no ${x}`);
			}
			const sa = shape(a);
			const sb = shape(b);
			for (const k of Object.keys(sa))
				if (sb[k] < sa[k])
					bad.push(`${rel(ko)}: ${sb[k]} ${k}s, ` +
					    `English has ${sa[k]}`);
		}
		assert.deepEqual(bad, []);
	});

	it('the grounds of discrimination and terms the English names',
	    () => {
		const bad = [];
		for (const [en, ko] of pairs()) {
			const a = read(en);
			const b = read(ko);
			for (const [re, term] of CARRY)
				if (re.test(a) && !b.includes(term))
					bad.push(`${rel(ko)}: no ${term} (${re})`);
		}
		assert.deepEqual(bad, []);
		const f = read(path.join(CONTENT,
		    'courses/ethics-of-ai/m02/fairness-in-practice.ko.md'));
		assert.match(f, /언어, 지역, 카스트, 이주 배경/);
	});
});

// The roles as the form sends them, and their names in English and Korean.
const ROLES = {
	learner: ['Learner', '학습자'],
	author: ['Author', '저자'],
	reviewer: ['Reviewer', '심사위원'],
	chair: ['Chair', '위원장'],
	admin: ['Administrator', '관리자'],
};

describe('content: role names', () => {
	it('every po file translates every role name', () => {
		for (const f of files(path.join(ROOT, 'po'), /\.pot?$/)) {
			for (const [en, ko] of Object.values(ROLES)) {
				const t = poEntry(read(f), en);
				assert.notEqual(t, null, `${rel(f)}: no msgid ${en}`);
				if (f.endsWith('.pot'))
					continue;
				assert.ok(t.length > 0 && t !== en,
				    `${rel(f)}: ${en} is not translated`);
				if (f.endsWith('ko.po'))
					assert.equal(t, ko);
			}
		}
	});
});

// roleOptions(html): [[value, text]] of the options of the first role
// select of the page.
function roleOptions(html) {
	const m = /<select\b[^>]*\bname="role"[^>]*>([\s\S]*?)<\/select>/
	    .exec(html);
	assert.ok(m, 'no role select');
	return [...m[1].matchAll(/<option\b([^>]*)>([^<]*)<\/option>/g)]
	    .map((o) => [S.attr(`<option${o[1]}>`, 'value'), S.text(o[2])]);
}

T.serverSuite('content: names on pages', (srv) => {
	it('shows value 1 by its official name in English and Korean',
	    async () => {
		const en = await srv().client().get('/values/human-rights');
		assert.equal(en.status, 200);
		assert.ok(S.text(en.text).includes(VALUE1_EN),
		    S.text(en.text).slice(0, 400));
		const ko = await srv().client({
			headers: { 'accept-language': 'ko' },
		}).get('/values/human-rights');
		assert.equal(ko.status, 200);
		assert.equal(S.htmlLang(ko.text).lang, 'ko');
		assert.ok(S.text(ko.text).includes(VALUE1_KO),
		    S.text(ko.text).slice(0, 400));
	});

	it('the user list names the roles in the page\'s language and ' +
	    'sends their codes', async () => {
		const email = S.uniqueEmail('roles-admin');
		const password = 'correct horse battery';
		await srv().addUser(email, 'admin', password);
		const c = srv().client();
		await T.login(c, srv(), email, password);
		const q = '/admin/users?q=' + encodeURIComponent(email);
		const want = (i) => Object.entries(ROLES).map(([code, n]) =>
		    [code, n[i]]);
		const en = await c.get(q);
		assert.equal(en.status, 200);
		assert.deepEqual(roleOptions(en.text), want(0));
		c.setCookie('lang', 'ko');
		const ko = await c.get(q);
		assert.equal(ko.status, 200);
		assert.equal(S.htmlLang(ko.text).lang, 'ko');
		assert.deepEqual(roleOptions(ko.text), want(1));
		assert.match(ko.text, /<option value="admin" selected>관리자</);
	});
});
