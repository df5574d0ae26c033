import { join } from 'node:path';
import { loadIntents } from '../../src/understanding/intents/load';
import { recognizeIntent } from '../../src/understanding/intents/recognize';
import { loadLexicon } from '../../src/understanding/nlp/lexicon';
import { stripOpeners } from '../../src/understanding/intents/messageEdges';

/** System intents understood with the questions' own normalisation and vocabulary (seeds/nlp). */
const intents = loadIntents(join(__dirname, '../../intents'));
const lexicon = loadLexicon(join(__dirname, '../../seeds/nlp'));
const recognize = (text: string) => recognizeIntent(text, intents, lexicon)?.intent ?? null;

describe('stripOpeners', () => {
  it('drops the fillers and acknowledgements a message opens with', () => {
    expect(stripOpeners('嗯嗯 好的 我想反映个事', intents[0].edges)).toBe('我想反映个事');
    expect(stripOpeners('好嘞多谢', intents[0].edges)).toBe('多谢');
    expect(stripOpeners('ok 转人工', intents[0].edges)).toBe('转人工');
  });

  it('leaves a message that is nothing else as it is', () => {
    expect(stripOpeners('好的', intents[0].edges)).toBe('好的');
    expect(stripOpeners('嗯嗯', intents[0].edges)).toBe('嗯嗯');
  });
});

describe('intents through the pipeline', () => {
  it.each(['嗯嗯 多谢啦', '好嘞 谢谢您', '行吧 感谢', '哦哦 辛苦了', '明白了 谢谢小问'])(
    'takes thanks after fillers and acknowledgements: %s',
    (text) => {
      expect(recognize(text)).toBe('thanks');
    },
  );

  it.each(['你会干嘛', '您都有哪些本事', '你能为我做些什么呀', '你们都提供啥服务'])(
    'takes "what can you do" in other words: %s',
    (text) => {
      expect(recognize(text)).toBe('menu');
    },
  );

  it.each([
    '我前年举报过的那个事后来怎么样了',
    '我们上个月打12345反映的问题有人管吗',
    '我去年求助的事有结果没',
    '我昨天提的诉求到哪一步了',
  ])('takes a question about how an earlier ticket stands: %s', (text) => {
    expect(recognize(text)).toBe('ticket.status');
  });

  it.each(['我年初递交的政府信息公开申请到哪一步了', '上次寄的公开申请还没答复吗', '请问依申请公开办得咋样了'])(
    'takes a question about how an earlier disclosure request stands: %s',
    (text) => {
      expect(recognize(text)).toBe('disclosure.status');
    },
  );

  it.each([
    ['师傅您好 打扰了', 'greeting'],
    ['同志你好 麻烦一下', 'greeting'],
    ['好的 辛苦了 感恩', 'thanks'],
    ['真是太感谢您的细心', 'thanks'],
    ['那我就先撤了', 'goodbye'],
    ['好吧 拜了', 'goodbye'],
    ['你这里都能查些什么', 'menu'],
    ['您这个咋用', 'menu'],
    ['帮我打开菜单', 'menu'],
    ['让客服跟我聊', 'human'],
    ['帮我叫你们的工作人员', 'human'],
    ['要个活人', 'human'],
  ])('takes a greeting, thanks, goodbye, menu or person asked for in other words: %s', (text, intent) => {
    expect(recognize(text)).toBe(intent);
  });

  it.each(['讲得很清楚 明白了', '这答案没啥帮助', '没解决我的问题啊', '错了 不是这个意思', '你讲的和我问的不是一回事'])(
    'takes feedback on the answer in other words: %s',
    (text) => {
      expect(recognize(text)).toBe('feedback');
    },
  );

  it.each([
    ['上周反映的垃圾站问题有消息没', 'ticket.status'],
    ['我报过的那个漏水的事到哪一步了', 'ticket.status'],
    ['前几天打12345说的那个事处理了吗', 'ticket.status'],
    ['我那份信息公开申请还没回复', 'disclosure.status'],
    ['申请公开规划文件的那个有进展吗', 'disclosure.status'],
    ['申请公开的材料什么时候给', 'disclosure.status'],
  ])('takes a status question that names the report or request by when or what: %s', (text, intent) => {
    expect(recognize(text)).toBe(intent);
  });

  it.each([
    // colloquial.yaml reads 莫得, 冒得 (south-western Mandarin, Xiang) as 没有, 而家 (Cantonese) as 现在.
    ['等了好久都莫得人回', 'waiting'],
    ['等了半天还冒得人回我', 'waiting'],
    ['而家有人吗', 'greeting'],
  ])('reads the dialect words for no and now as the standard words: %s', (text, intent) => {
    expect(recognize(text)).toBe(intent);
  });

  it('reads those dialect words alike for questions, and leaves the words that are not always them (哪能, 得是)', () => {
    const standard = (word: string) => lexicon.synonyms.get(word);
    expect(['莫得', '冒得', '而家', '系毋系'].map(standard)).toEqual(['没有', '没有', '现在', '是否']);
    // 在哪能查 is 在哪 + 能 + 查; 这得是多少钱 says "must be".
    expect([standard('哪能'), standard('得是')]).toEqual([undefined, undefined]);
  });

  it('reads the message in the vocabulary questions use (有信儿没 → 有答复没)', () => {
    const text = '前阵子提交的信息公开申请有信儿没';
    expect(recognizeIntent(text, intents)).toBeNull();
    expect(recognize(text)).toBe('disclosure.status');
  });

  it.each([
    ['好的 我要投诉', 'hotline.report'],
    ['嗯 低保咋申请', null],
    ['我要投诉 都一个月了还没人管', 'hotline.report'],
    ['信息公开申请怎么写', null],
    ['我申请的低保怎么样了', null],
    ['反映问题要多久能处理', null],
    ['您好 低保怎么申请', null],
  ])('leaves other messages to their own intent or to knowledge: %s', (text, intent) => {
    expect(recognize(text)).toBe(intent);
  });

  it.each([
    ['我递交给市长热线的那件事有下文没', 'ticket.status'],
    ['帮我看看我的12345诉求', 'ticket.status'],
    ['上周寄的依申请公开 对方签收了吗', 'disclosure.status'],
    ['我的公开申请批下来了没', 'disclosure.status'],
    ['我打算向区住建局申请获取政府信息', 'disclosure.apply'],
    ['想申请公开小区的规划图 怎么在你这提交', 'disclosure.apply'],
    ['麻烦帮我补正一下申请', 'disclosure.correction'],
    ['我想更正我的政府信息公开申请', 'disclosure.correction'],
    ['对方要求我补正 需要的是会议纪要', 'disclosure.correction'],
    ['接到补正通知了 我来修改一下', 'disclosure.correction'],
    ['我那份公开申请写得不具体 想再补充一下', 'disclosure.correction'],
    ['你答的不准', 'feedback'],
    ['讲的什么啊 听不懂', 'feedback'],
    ['回答太长了 讲重点', 'feedback'],
    ['这个不对 跟实际情况不一样', 'feedback'],
    ['替我上报一个情况 小区门口井盖丢了', 'hotline.report'],
    ['我要向12345提个建议', 'hotline.report'],
    ['取消', 'goodbye'],
    ['等了四十分钟了都没人回', 'waiting'],
    ['客服几点能接入', 'waiting'],
    ['你能办哪些方面的事 给我列个清单', 'menu'],
    ['麻烦看下市长热线那边给我回话了没', 'ticket.status'],
    ['上个月打了12345 想问问办理结果', 'ticket.status'],
    ['我要查一下我的申请', 'disclosure.status'],
    ['我提交的依申请公开什么时候能给我', 'disclosure.status'],
    ['你讲的是啥', 'feedback'],
    ['你答的和我问的无关', 'feedback'],
    ['这个回答不靠谱', 'feedback'],
    ['替我跟街道反映一下', 'hotline.report'],
    ['找你们负责人过来', 'human'],
    ['不想聊了', 'goodbye'],
    ['帮我查查我前天递交的工单', 'ticket.status'],
    ['我们要申请政府信息公开 在你这里可以办吗', 'disclosure.apply'],
    ['我们村的路塌了', 'hotline.report'],
    ['错了 你理解错了', 'feedback'],
    ['刚刚说的看不懂', 'feedback'],
    ['客服什么时候有人', 'waiting'],
    ['等了半天了 人呢', 'waiting'],
    ['我的信息公开申请需要修改一下', 'disclosure.correction'],
    ['提条意见 路口多装个红绿灯', 'hotline.report'],
    ['暂时就这样 再见', 'goodbye'],
    ['可以介绍一下你都能做什么吗', 'menu'],
    ['排队得多久', 'waiting'],
    ['答的挺详细', 'feedback'],
    ['讲了等于没说', 'feedback'],
    ['上星期我在网上投诉了噪音 一直没有回复', 'ticket.status'],
    ['我前阵子提交了一个诉求 想问问办得怎么样了', 'ticket.status'],
    ['我那条投诉有没有人查', 'ticket.status'],
    ['我的公开申请受理了吗', 'disclosure.status'],
    ['政府信息公开申请的结果什么时候能下来', 'disclosure.status'],
    ['我单位依法申请公开该项目的环评批复', 'disclosure.apply'],
    ['你发的那个链接打不开', 'feedback'],
    ['那个电话打不通啊', 'feedback'],
  ])('takes a request whose words name the hotline, the status, the correction or the complaint in other ways: %s', (text, intent) => {
    expect(recognize(text)).toBe(intent);
  });

  it.each([
    '他们让我补正材料，啥叫补正啊',
    '能不能让我补正两次',
    '收到补正通知后多久要交',
    '我想补充申请低保的材料',
    '申请公开的材料要寄到哪里',
    '这个文件需要申请信息公开不',
    '我对规划有意见 去哪提',
    '这个政策跟实际不一样吗',
    '我寄的快递收到没',
    '12345热线打过去多久有回复',
    '我有问题',
    '路坏了找谁修',
    '刚才说的低保标准是多少',
    '我要申请信息公开吗',
    '公开申请要改内容怎么办',
    '提个建议要多久回复',
    '我的低保申请被受理了吗',
    '我申请的低保到现在也没个说法',
    '本人申请公开的信息多久答复',
  ])('leaves questions about corrections, where to send a request and the like to knowledge: %s', (text) => {
    expect(recognize(text)).toBeNull();
  });
});
