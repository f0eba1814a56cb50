'use strict';
// client/src/speech.ts: what the status bar shows — the character count as offices count it, whether
// a document is a speech, and its speaking time at the configured pace.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadClientModule, ROOT } = require('./client-load');

describe('client/src/speech.ts (status bar counts)', function () {
  this.timeout(30000);
  let speech;
  before(() => {
    speech = loadClientModule('speech');
  });

  describe('countCharacters', () => {
    it('counts every character except whitespace; punctuation counts', () => {
      assert.equal(speech.countCharacters('同志们：\n今天，我们召开会议。'), 14);
      assert.equal(speech.countCharacters('　　一、总体要求\r\n\t2026年1月5日 '), 15);
      assert.equal(speech.countCharacters(''), 0);
      assert.equal(speech.countCharacters(' \n\t　'), 0);
    });

    it('counts a character outside the BMP once', () => {
      assert.equal(speech.countCharacters('𠀀𪚥字'), 3);
    });
  });

  describe('looksLikeSpeech', () => {
    it('treats every gongwen document as a speech', () => {
      assert.equal(speech.looksLikeSpeech('gongwen', '关于做好有关工作的通知'), true);
    });

    it('recognises a speech by its title or its 称谓 line near the top', () => {
      const speeches = [
        '在全市安全生产工作会议上的讲话\n李明\n（2026年1月5日）\n同志们：\n今天……',
        '# 在全市工作会议上的讲话\n\n同志们：',
        '新年致辞\n\n各位来宾：',
        '全市第三次代表大会开幕词',
        '第十五届运动会闭幕词',
        '\n\n　　同志们：\n　　今天召开会议。',
        '**各位领导、同志们：**',
        '尊敬的各位来宾：\n欢迎大家。',
        // No title line: the speech opens by addressing the audience, with a comma or a colon.
        '同志们，今天我们召开全市安全生产工作会议，主要任务是……',
        '同志们：今天召开这次会议，很有必要。',
        '\n　　各位领导、同志们，\n　　今天……',
        '尊敬的各位代表、各位来宾，女士们、先生们：',
        '在座的同志们，大家好！',
        '东江市财政局\n2026年1月5日\n同志们，现在开会。',
        '同志们，让我们努力奋斗！',
      ];
      for (const text of speeches) assert.equal(speech.looksLikeSpeech('plaintext', text), true, text);
    });

    it('does not take a notice or a report for a speech', () => {
      const others = [
        '关于做好有关工作的通知\n各区人民政府，市政府各部门：\n现将有关事项通知如下：',
        '东江市财政局2025年工作总结\n2025年，我局……',
        '市人民政府：\n现将有关情况报告如下。',
        '',
        // The title words deep in the text do not count: only the first lines are looked at.
        `${'正文。\n'.repeat(12)}在会上的讲话`,
        `${'正文。\n'.repeat(12)}同志们，让我们努力奋斗！`,
        // A 称谓 word that does not open the line as an address.
        '关于做好春节慰问工作的通知\n各单位：\n我们要关心离退休老同志们，做好走访慰问。',
        '关于召开座谈会的通知\n联系领导：张强\n联系电话：0755-12345678',
        '会议纪要\n出席：市长张强、副市长李明\n列席：各位委员和有关部门负责同志',
      ];
      for (const text of others) assert.equal(speech.looksLikeSpeech('plaintext', text), false, text);
    });
  });

  describe('speaking time', () => {
    it('rounds to whole minutes, at least one for any text', () => {
      assert.equal(speech.speakingMinutes(0, 220), 0);
      assert.equal(speech.speakingMinutes(50, 220), 1);
      assert.equal(speech.speakingMinutes(3000, 220), 14);
      assert.equal(speech.speakingMinutes(3000, 300), 10);
    });

    it('accepts only a plausible pace', () => {
      assert.equal(speech.DEFAULT_SPEECH_PACE, 220);
      assert.equal(speech.validPace(180), 180);
      for (const bad of [undefined, null, '220', 0, -5, 59, 601, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.equal(speech.validPace(bad), undefined, String(bad));
      }
    });

    it('uses the same default and bounds as the setting gongwen.speechPace and the schema', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const setting = manifest.contributes.configuration.properties['gongwen.speechPace'];
      assert.equal(setting.default, speech.DEFAULT_SPEECH_PACE);
      assert.equal(setting.minimum, speech.MIN_SPEECH_PACE);
      assert.equal(setting.maximum, speech.MAX_SPEECH_PACE);
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'gongwen.schema.json'), 'utf8'));
      const field = schema.properties.speechPace;
      assert.deepEqual([field.default, field.minimum, field.maximum], [setting.default, setting.minimum, setting.maximum]);
    });
  });

  describe('the status bar', () => {
    it('states the counting rule and the pace in its tooltip, and runs the full check on click', () => {
      const source = fs.readFileSync(path.join(ROOT, 'client', 'src', 'statusBar.ts'), 'utf8');
      assert.match(source, /every character except whitespace/);
      assert.match(source, /characters a minute \(setting gongwen\.speechPace\)/);
      assert.match(source, /command: CHECK_DOCUMENT_COMMAND/);
    });
  });
});
