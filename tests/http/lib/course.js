'use strict';
// course.js: course packages for the tests (HTTP and browser), written to a
// fresh temporary folder for `ethica course import`. One course shape, one
// quiz of any of the question kinds below; each test says only what differs.
//
//	const C = require('./lib/course');
//	const root = C.writeCourse({ slug: 'x', title: C.t('X', '엑스'),
//	    modules: [{ id: 'm01', title: C.t('One', '하나'),
//	        lessons: [['first', C.t('First lesson', '첫 강의')]],
//	        quiz: { id: 'm01-quiz', title: C.t('Quiz', '퀴즈'),
//	            questions: [C.single('q1'), C.truefalse('q2')] } }] });
//
// Lessons are files MODULE/LESSON.{en,ko}.md, with the body given or
// "Body of MODULE/LESSON." and "MODULE/LESSON 본문.".

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// t(en, ko): a translated text, as the course's YAML writes it.
function t(en, ko) {
	return `{ en: ${JSON.stringify(en)}, ko: ${JSON.stringify(ko)} }`;
}

// The question kinds. Each returns the YAML of one question of quiz.yaml.
function single(id, { thirty = true } = {}) {
	return `  - id: ${id}
    type: single
    prompt: { en: "Pick twenty", ko: "스물을 고르세요" }
    options:
      - { id: a, text: { en: "Ten", ko: "열" } }
      - { id: b, text: { en: "Twenty", ko: "스물" }, correct: true }
${thirty ? '      - { id: c, text: { en: "Thirty", ko: "서른" } }\n' : ''}\
    feedback: { en: "Twenty is 20.", ko: "스물은 20입니다." }
`;
}

function multiple(id) {
	return `  - id: ${id}
    type: multiple
    prompt: { en: "Pick the principles", ko: "원칙을 고르세요" }
    options:
      - { id: a, text: { en: "Fairness", ko: "공정성" }, correct: true }
      - { id: b, text: { en: "Speed", ko: "속도" } }
      - { id: c, text: { en: "Privacy", ko: "프라이버시" }, correct: true }
    feedback: { en: "Fairness and privacy.", ko: "공정성과 프라이버시." }
`;
}

function truefalse(id) {
	return `  - id: ${id}
    type: truefalse
    prompt: { en: "The sky is blue", ko: "하늘은 파랗다" }
    answer: true
    feedback: { en: "It is.", ko: "그렇습니다." }
`;
}

function numeric(id) {
	return `  - id: ${id}
    type: numeric
    prompt: { en: "How many member states?", ko: "몇 개 회원국?" }
    answer: 193
    tolerance: 0
    feedback: { en: "193 member states.", ko: "193개국." }
`;
}

// text(id, { prompt, en, ko, feedback }): the answers accepted in each
// language (arrays); prompt and feedback as t() gives them.
function text(id, { prompt, en, ko, feedback }) {
	return `  - id: ${id}
    type: text
    prompt: ${prompt}
    accept: { en: ${JSON.stringify(en)},
              ko: ${JSON.stringify(ko)} }
    feedback: ${feedback}
`;
}

function ordering(id) {
	return `  - id: ${id}
    type: ordering
    prompt: { en: "Order the steps", ko: "단계를 순서대로" }
    options:
      - { id: scope, text: { en: "Scope", ko: "범위" } }
      - { id: assess, text: { en: "Assess", ko: "평가" } }
      - { id: monitor, text: { en: "Monitor", ko: "감시" } }
    feedback: { en: "Scope, assess, monitor.", ko: "범위, 평가, 감시." }
`;
}

// writeCourse(spec): writes the package; returns its folder (named slug).
// spec: slug, title, summary (t()), minutes (10), author (an email to list,
// or none), modules: [{ id, title, lessons: [[id, title, body?]], quiz? }]
// where body is { en, ko } and quiz is { id, title, pass_mark (100),
// max_attempts (0), questions }.
function writeCourse(spec) {
	const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(),
	    `ethica-${spec.slug}-`)), spec.slug);
	const w = (f, s) => {
		fs.mkdirSync(path.dirname(path.join(root, f)),
		    { recursive: true });
		fs.writeFileSync(path.join(root, f), s);
	};
	let modules = '';
	for (const m of spec.modules) {
		modules += `  - id: ${m.id}
    track: foundations
    title: ${m.title}
    lessons:
`;
		for (const [id, title, body] of m.lessons) {
			const file = `${m.id}/${id}`;
			modules += `      - { id: ${id}, file: ${file}, minutes: 5, \
required: true,
          title: ${title} }
`;
			w(`${file}.en.md`, body ? body.en : `Body of ${file}.\n`);
			w(`${file}.ko.md`, body ? body.ko : `${file} 본문.\n`);
		}
		if (!m.quiz)
			continue;
		modules += `    quiz: ${m.id}/quiz.yaml\n`;
		w(`${m.id}/quiz.yaml`, `id: ${m.quiz.id}
title: ${m.quiz.title}
pass_mark: ${m.quiz.pass_mark ?? 100}
max_attempts: ${m.quiz.max_attempts ?? 0}
graded: true
questions:
${m.quiz.questions.join('')}`);
	}
	w('course.yaml', `slug: ${spec.slug}
default_language: en
languages: [en, ko]
title: ${spec.title}
summary: ${spec.summary}
level: beginner
minutes: ${spec.minutes ?? 10}
licence: CC-BY-4.0
authors:
  - name: Test
${spec.author ? `    email: ${spec.author}\n` : ''}\
values: [human-rights]
principles: [fairness]
policy_areas: [ethical-impact-assessment]
completion:
  required_lessons: all
  quizzes: graded
modules:
${modules}`);
	return root;
}

module.exports = { t, single, multiple, truefalse, numeric, text, ordering,
    writeCourse };
