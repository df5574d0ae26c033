import request from 'supertest';
import { ChatToken, Conversation, EntryFeedback, Message, UnansweredQuestion } from '../../entities';
import { CITIZEN_CHANNELS, OFFICIAL_ACCOUNT_ENV, webCitizen } from '../support/conversation';
import { importEntryFiles } from '../../src/knowledge/importExport';
import { knowledgeUsage } from '../../src/knowledge/statistics';
import { tempFiles } from '../support/files';
import { createTestApp, TEST_ACTOR, type TestApp } from '../support/testApp';

/** Conversations through the web-chat channel, read like the chat itself. */
describe('web-chat conversations against the seeded knowledge base', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers with the entry title, its answer and the source document, then the asked section', async () => {
    const { say } = webCitizen(app);
    const answer = await say('低保咋申请');
    expect(answer).toMatch(/^【[^】]*最低生活保障[^】]*】/);
    expect(answer).toMatch(/来源：/);
    expect(await say('需要带什么材料')).toMatch(/·申请材料】/);
  });

  it('honestly does not answer what the knowledge base does not cover, and keeps the question for interpreters', async () => {
    const { say } = webCitizen(app);
    expect(await say('明天股票会涨吗')).toMatch(/暂时没有找到/);
    // Employees' pension insurance is not the residents' scheme the knowledge base covers.
    expect(await webCitizen(app).say('职工养老保险怎么交')).toMatch(/暂时没有找到/);
    // Renewing the identity card is not the social security card's application.
    expect(await webCitizen(app).say('身份证到期换领')).toMatch(/暂时没有找到/);
    // A permit for a trip to Macao is this city's service the base lacks, not Hong Kong's policy.
    expect(await webCitizen(app).say('去澳门旅游 港澳通行证怎么办')).toMatch(/暂时没有找到/);
    const kept = await app.db.dataSource.getRepository(UnansweredQuestion).find();
    expect(kept.map((q) => q.text)).toContain('明天股票会涨吗');
    expect(kept.map((q) => q.text)).toContain('去澳门旅游 港澳通行证怎么办');
  });

  it('tells a question about another city which city it is about and where to ask, and keeps no gap for it', async () => {
    const { say } = webCitizen(app);
    expect(await say('南京的公积金怎么取')).toBe(
      '您问的是南京市的政策。本平台解答本市政务问题，南京市的政策请拨打当地12345政务服务便民热线或登录当地政务服务网查询。',
    );
    expect(await say('长沙低保多少钱一个月')).toMatch(/^您问的是长沙市的政策。/);
    // Living there, the citizen asks about that city's matter: not the entry on applying by letter from out of town.
    expect(await say('人在开封，开封的公租房咋申请')).toMatch(/^您问的是开封市的政策。/);
    // Working there and naming the city again (成都那边) asks for its rule, not this city's out-of-town medical insurance.
    expect(await say('我在成都上班，成都那边的医保怎么报销')).toMatch(/^您问的是成都市的政策。/);
    // A place's students (苏州大学生) are its people, not a university named after it.
    expect(await say('苏州大学生创业贷款怎么申请')).toMatch(/^您问的是苏州市的政策。/);
    // Roadside (路边) after a city's name is no street named after it.
    expect(await say('长沙路边停车要交钱吗')).toMatch(/^您问的是长沙市的政策。/);
    // A city written bare before one of its public offices asks about that city's office.
    expect(await say('周口法律援助中心在哪')).toMatch(/^您问的是周口市的政策。.*12345/);
    // Coming from another city, the citizen asks about a matter in one of this city's districts, named bare.
    expect(await say('老家郑州的，现在住涧西，低保咋申请')).toMatch(/^【[^】]*最低生活保障/);
    // A part of a city (城区) is no other city's district, though three cities name a district so.
    expect(await say('城区哪里能办居住证')).toMatch(/^【[^】]*居住证/);
    // ...and before a thing the knowledge base names that the lexicon does not know (摆摊).
    expect(await say('焦作摆摊要办营业执照吗')).toMatch(/^您问的是焦作市的政策。/);
    // A word the base names that starts like an institution's name (公司设立登记) is that place's matter, not a company named after it.
    expect(await say('南京公司设立登记怎么办')).toMatch(/^您问的是南京市的政策。/);
    const kept = await app.db.dataSource.getRepository(UnansweredQuestion).find();
    expect(kept.map((q) => q.text)).not.toContain('南京的公积金怎么取');
    // The same topic asked for this city is answered.
    expect(await say('低保标准是多少')).toMatch(/^【[^】]*最低生活保障[^】]*标准/);
  });

  it('greets a citizen who types the greeting in pinyin, as it reads pinyin in questions', async () => {
    expect(await webCitizen(app).say('ninhao')).toMatch(/^您好！我是问政智能助手/);
  });

  it("greets, thanks and shows what it does for wordings no pattern lists, made of the intents' word classes in order", async () => {
    expect(await webCitizen(app).say('老师好 有空吗')).toMatch(/^您好！我是问政智能助手/);
    expect(await webCitizen(app).say('好嘞 麻烦你们了')).toMatch(/^不客气！/);
    expect(await webCitizen(app).say('这个公众号怎么用')).toMatch(/^我可以为您做这些：/);
  });

  it('answers a word spelled in pinyin up to the characters found, or by its initials', async () => {
    expect(await webCitizen(app).say('di保在哪申请')).toMatch(/^【最低生活保障（低保）申请·办理地点和时间】/);
    // Initials; not the fund's withdrawal, whose answers a later test counts.
    expect(await webCitizen(app).say('sbk丢了怎么补办')).toMatch(/^【社会保障卡挂失和补办/);
  });

  it('answers the sibling whose title names the service asked (续租) instead of asking which one was meant', async () => {
    expect(await webCitizen(app).say('公租房期满了续租手续去哪办')).toMatch(/^【公租房租金、续租和退出/);
  });

  it('answers the number asked of the one thing named instead of asking whether that entry was meant', async () => {
    expect(await webCitizen(app).say('消防电话是多少')).toMatch(/^【紧急情况应拨打的电话/);
  });

  it("answers about the home left here when the citizen goes to another city, instead of pointing to that city's 12345", async () => {
    expect(await webCitizen(app).say('我去三亚住 房子的暖气咋报停')).toMatch(/^【暖气报停（申请暂停供暖）/);
    // The place gone to is no 外地 to match either: it would leave a list of what can be answered about heating.
    expect(await webCitizen(app).say('儿子接我去三亚过冬 家里暖气得报停 去哪办')).toMatch(/^【暖气报停（申请暂停供暖）/);
  });

  it('answers a citizen back from treatment in another city, whose 回来 names no thing asked about', async () => {
    expect(await webCitizen(app).say('去年在上海住院忘了备案，回来还能报吗')).toMatch(/^【异地就医备案和直接结算/);
  });

  it('answers how long after the materials were handed in, not a list of what else it knows', async () => {
    expect(await webCitizen(app).say('特困供养的材料交了多久能批')).toMatch(/^【[^】]*·办理时限】/);
  });

  it('answers a detail only the notes tell with the notes, not the short answer that leaves it out', async () => {
    const answer = await webCitizen(app).say('供暖期间自己给暖气放水行吗');
    expect(answer).toMatch(/^【供暖期和开栓·注意事项】/);
    expect(answer).toMatch(/放水/);
  });

  it('answers a story by the topic named before its question, not with 暂时没有找到', async () => {
    const answer = await webCitizen(app).say('我在超市当了五年收银员，上个月超市关门了，听说能办失业登记，登记完有什么用');
    expect(answer).toMatch(/^【就业失业登记和就业创业证/);
  });

  it('answers where to apply for 低保 when the story says 没啥收入, instead of asking which entry was meant', async () => {
    const answer = await webCitizen(app).say('我舅一个人住在乡下，年纪大了也没啥收入，想帮他办个低保，该去哪办');
    expect(answer).toMatch(/^【[^】]*最低生活保障[^】]*·办理地点和时间】/);
  });

  it('lists what it knows of the residence permit instead of answering student aid, which fits the question only as any benefit does', async () => {
    const { say } = webCitizen(app);
    expect(await say('办了居住证以后孩子读书看病方便不')).toMatch(/^关于「居住证」，暂时没有您问的这一项。/);
  });

  it('answers whether one can apply on the phone with the whole entry, not with who qualifies', async () => {
    expect(await webCitizen(app).say('政府信息公开能用手机申请不')).toMatch(/^【网上申请政府信息公开】/);
  });

  it('answers who qualifies when the story says 这几年 (these few years), not how long it takes', async () => {
    expect(await webCitizen(app).say('这几年一直在外地打工 现在回来了 能办居住证不')).toMatch(/^【[^】]*居住证[^】]*·受理条件】/);
  });

  it('answers where the job fairs are when asked 哪有, and where to get a card when asked which bank', async () => {
    expect(await webCitizen(app).say('附近哪有招聘会')).toMatch(/^【[^】]*·办理地点和时间】/);
    expect(await webCitizen(app).say('社保卡哪家银行能当场拿')).toMatch(/^【[^】]*·办理地点和时间】/);
  });

  it('answers when the bulletin comes out when asked 几月份, whose 月份 names no thing asked about', async () => {
    expect(await webCitizen(app).say('统计公报每年几月份出')).toMatch(/^【国民经济和社会发展统计公报/);
  });

  it('answers where to apply from the procedure when the entry has no place section', async () => {
    expect(await webCitizen(app).say('低收入家庭认定去哪申请')).toMatch(/^【[^】]*·办理流程】/);
  });

  it('answers where to report a fee with the whole entry (what to do and whom to call), and the number asked with the contact', async () => {
    expect(await webCitizen(app).say('幼儿园乱收费应该去哪儿举报')).toMatch(/^【[^】·]+】/);
    expect(await webCitizen(app).say('幼儿园乱收费的举报电话是多少')).toMatch(/^【[^】]*·咨询电话】/);
  });

  it('answers how long one must have lived here with the conditions, and a handling fee with the fee', async () => {
    expect(await webCitizen(app).say('居住证得在这住够多久才能办')).toMatch(/^【[^】]*居住证[^】]*·受理条件】/);
    expect(await webCitizen(app).say('公积金贷款要交手续费吗')).toMatch(/^【[^】]*·收费标准】/);
  });

  it('answers a document one must provide with the materials, a must with who qualifies, a share with the fee, what changed with the changes', async () => {
    expect(await webCitizen(app).say('申请廉租房得提供户口本吗')).toMatch(/^【[^】]*·申请材料】/);
    expect(await webCitizen(app).say('开小卖部必须先办执照吗')).toMatch(/^【[^】]*·受理条件】/);
    expect(await webCitizen(app).say('住院报销能报百分之多少')).toMatch(/^【[^】]*·收费标准】/);
    expect(await webCitizen(app).say('信息公开条例新版改了哪几处')).toMatch(/^【[^】]*·新旧政策差异】/);
  });

  it('answers whether it can be done on the phone, asked beside where or what to bring, with the whole entry', async () => {
    expect(await webCitizen(app).say('个体户执照能在手机上办吗 哪个网站')).toMatch(/^【[^】·]*营业执照[^】·]*】/);
    expect(await webCitizen(app).say('居住证能在手机上申请吗要带啥')).toMatch(/^【[^】·]*居住证[^】·]*】/);
  });

  it('answers where to take a complaint against a disclosure reply (去哪告) with the whole entry', async () => {
    expect(await webCitizen(app).say('不服信息公开的答复 到哪儿告')).toMatch(/^【[^】·]+】/);
  });

  it('answers which of two offices to go to with the place', async () => {
    expect(await webCitizen(app).say('居住证去派出所还是去社区办')).toMatch(/^【[^】]*居住证[^】]*·办理地点和时间】/);
  });

  it('answers whether there is a service with the whole entry, not with who qualifies', async () => {
    expect(await webCitizen(app).say('政府有代办服务吗')).toMatch(/^【[^】·]*】/);
  });

  it('answers a citizen who sees a doctor in another city with the out-of-town entry', async () => {
    // "能报销吗" asks for what is done to a cost the citizen has: the whole entry, not only who qualifies.
    expect(await webCitizen(app).say('我在北京看病能报销吗')).toMatch(/^【异地就医备案和直接结算】\n/);
  });

  it("counts the answer and stores the citizen's feedback against the entry's version", async () => {
    const { say } = webCitizen(app);
    await say('公积金怎么提取');
    expect(await say('没用')).toMatch(/感谢|反馈|抱歉/);
    const answers = await app.db.transaction((tx) => knowledgeUsage.answerCounts(tx, { entryKey: 'housing-fund-withdrawal' }));
    expect(answers).toEqual([expect.objectContaining({ count: 1 })]);
    const feedback = await app.db.dataSource.getRepository(EntryFeedback).find({ where: { entryKey: 'housing-fund-withdrawal' } });
    expect(feedback).toEqual([expect.objectContaining({ helpful: false, entryVersion: 1 })]);
    // Saying the answer solved the problem is feedback too, not a question.
    await say('低保标准是多少');
    expect(await say('这个回答总算解决了我的难题')).toBe('感谢您的肯定！还有其他问题可以随时问我。');
  });
});

describe.each(CITIZEN_CHANNELS)('a question and its follow-up on %s', (_channel, citizenOf) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(OFFICIAL_ACCOUNT_ENV);
  });
  afterAll(() => app.close());

  it('takes a ticket description as long as the form allows (2000 characters), and refuses a longer message naming text', async () => {
    const citizen = webCitizen(app);
    await citizen.say('我要投诉');
    await citizen.say('是');
    const description = '楼下工地每天夜里施工到凌晨，噪音很大，'.repeat(80).slice(0, 1500);
    expect(await citizen.say(description)).toMatch(/问题发生在哪里/);
    const tooLong = await request(app.callback())
      .post('/api/v1/chat')
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ text: '很'.repeat(2001) })
      .expect(400);
    expect(tooLong.body.error).toMatchObject({ field: 'text', message: 'text: 消息太长了，请控制在2000字以内' });
    await citizen.say('取消');
  });

  it('answers the entry, then the section asked about it', async () => {
    const citizen = citizenOf(app);
    await citizen.send('低保咋申请').expectReply(/^【[^】]*最低生活保障[^】]*】/);
    await citizen.send('需要带什么材料').expectReply(/·申请材料】/);
  });
});

describe("web-chat conversations against entries written in another base's words", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const files = tempFiles({
      'stations.yaml': `entries:
  - { key: talent-station, kind: guide, title: 人才驿站免费住宿申请, questions: [外地毕业生来求职能免费住几天], keywords: [人才驿站], answer: 来本市求职的高校毕业生可免费入住人才驿站，最长七天。, department: 市人力资源和社会保障局 }
  - { key: worker-station, kind: guide, title: 户外劳动者驿站使用, questions: [环卫工人能在驿站歇脚吗], keywords: [爱心驿站], answer: 环卫工人、快递员等户外劳动者可以在驿站休息、饮水。, department: 市总工会 }
`,
    });
    await importEntryFiles(app.db, [files['stations.yaml']], { who: TEST_ACTOR, now: app.clock.now });
    await app.knowledge.refresh();
  });
  afterAll(() => app.close());

  it('answers with the entry whose word the segmenter ran into the word before it (申请人 才 → 申请 人才)', async () => {
    expect(await webCitizen(app).say('我是申请人才驿站的')).toMatch(/^【人才驿站免费住宿申请】/);
  });
});

describe('chat tokens', () => {
  it('answers a wrong or expired token with 401 invalid_token instead of a new conversation; no token starts one', async () => {
    const app = await createTestApp({}, {}, { seed: false });
    try {
      const started = await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
      expect(started.body.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      for (const wrong of ['not-a-token', 'A'.repeat(43)]) {
        const refused = await request(app.callback())
          .post('/api/v1/chat')
          .set('Authorization', `Bearer ${wrong}`)
          .send({ text: '你好' })
          .expect(401);
        expect(refused.body.error.code).toBe('invalid_token');
        expect(refused.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      }
      // Nothing was stored for the refused messages: one conversation, one message in.
      expect(await app.db.dataSource.getRepository(Conversation).count()).toBe(1);
      expect(await app.db.dataSource.getRepository(Message).count({ where: { direction: 'in' } })).toBe(1);
      // The client starts over knowingly, without the token.
      const again = await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
      expect(again.body.token).not.toBe(started.body.token);
      const doc = await request(app.callback()).get('/api/v1/openapi.json').expect(200);
      expect(doc.body.paths['/api/v1/chat'].post.responses['401'].description).toMatch(/invalid_token/);
    } finally {
      await app.close();
    }
  });
});

describe('flooding the web chat', () => {
  it('answers a polite word past the per-minute limit and does not process the message', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_MAX_PER_MINUTE: '2' });
    let token: string | undefined;
    const say = async (text: string) => {
      const req = request(app.callback()).post('/api/v1/chat');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ text }).expect(200);
      token = res.body.token;
      return res;
    };
    await say('你好');
    await say('低保怎么申请');
    const flooded = await say('公积金怎么提取');
    // Honest: the message was not taken and must be sent again; and it really is neither stored nor answered.
    expect(flooded.body.replies).toEqual([
      { type: 'text', text: '您发送消息太频繁了，刚才这条消息没有收到。请稍等一会儿，再把它重新发送一次。' },
    ]);
    expect(flooded.headers['retry-after']).toMatch(/^\d+$/);
    expect(await app.db.dataSource.getRepository(Message).count({ where: { text: '公积金怎么提取' } })).toBe(0);
    expect(await app.db.dataSource.getRepository(Message).count({ where: { direction: 'out' } })).toBe(2);
    // Sent again after the minute, it is answered.
    app.clock.advance(61_000);
    expect((await say('公积金怎么提取')).body.replies[0].text).toMatch(/公积金/);
    await app.close();
  });
});

describe('concurrent messages from one citizen', () => {
  it('applies every turn exactly once, none lost to a race on the conversation state', async () => {
    const app = await createTestApp();
    const first = await request(app.callback()).post('/api/v1/chat').send({ text: '你好', id: 'c-0' }).expect(200);
    const token = first.body.token as string;
    const texts = ['低保怎么申请', '公积金怎么提取', '社保卡丢了怎么办', '居住证怎么办理', '营业执照怎么办'];
    await Promise.all(
      texts.map((text, i) =>
        request(app.callback())
          .post('/api/v1/chat')
          .set('Authorization', `Bearer ${token}`)
          .send({ text, id: `c-${i + 1}` })
          .expect(200),
      ),
    );
    const conversation = await app.db.dataSource
      .getRepository(Conversation)
      .findOneOrFail({ where: { channel: 'webchat' }, order: { createdAt: 'DESC' } });
    expect(conversation.stateVersion).toBe(texts.length + 1);
    const inbound = await app.db.dataSource.getRepository(Message).count({ where: { conversationId: conversation.id, direction: 'in' } });
    expect(inbound).toBe(texts.length + 1);
    await app.close();
  });
});

describe('chat tokens', () => {
  it('limits how many new conversations one address starts per hour, and counts it in the database', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_NEW_PER_HOUR: '3' }, {}, { seed: false });
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++)
        tokens.push((await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200)).body.token);
      const refused = await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(429);
      expect(refused.body.error.code).toBe('too_many_conversations');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // A citizen who has a conversation keeps it.
      await request(app.callback()).post('/api/v1/chat').set('Authorization', `Bearer ${tokens[0]}`).send({ text: '谢谢' }).expect(200);
      expect(await app.db.dataSource.getRepository(ChatToken).count()).toBe(3);
      app.clock.advance(60 * 60_000);
      await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200);
    } finally {
      await app.close();
    }
  });

  it('expire after WENZHENG_CHAT_TOKEN_DAYS and can be revoked by the citizen', async () => {
    const app = await createTestApp({ WENZHENG_CHAT_TOKEN_DAYS: '2' }, {}, { seed: false });
    try {
      const start = async () =>
        (await request(app.callback()).post('/api/v1/chat').send({ text: '你好' }).expect(200)).body.token as string;
      const pull = (token: string) => request(app.callback()).get('/api/v1/chat/messages').set('Authorization', `Bearer ${token}`);
      const old = await start();
      app.clock.advance(24 * 60 * 60_000);
      await pull(old).expect(200);
      app.clock.advance(25 * 60 * 60_000);
      expect((await pull(old).expect(401)).body.error.code).toBe('invalid_token');
      // A message sent with the expired token is refused, not taken into a new conversation the widget cannot tell from the old one.
      const refused = await request(app.callback())
        .post('/api/v1/chat')
        .set('Authorization', `Bearer ${old}`)
        .send({ text: '你好' })
        .expect(401);
      expect(refused.body.error.code).toBe('invalid_token');
      expect(refused.body.token).toBeUndefined();

      const mine = await start();
      await pull(mine).expect(200);
      expect((await request(app.callback()).post('/api/v1/chat/logout').set('Authorization', `Bearer ${mine}`).expect(200)).body).toEqual({
        revoked: true,
      });
      await pull(mine).expect(401);
      await request(app.callback()).post('/api/v1/chat/logout').set('Authorization', `Bearer ${mine}`).expect(401);
    } finally {
      await app.close();
    }
  });
});

describe.each(CITIZEN_CHANNELS)('a system intent said around other words on %s (session 17)', (_channel, citizenOf) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(OFFICIAL_ACCOUNT_ENV);
  });
  afterAll(() => app.close());

  it('greets and says goodbye in dialect words (汝, 今儿, 唠)', async () => {
    const citizen = citizenOf(app);
    expect(await citizen.say('汝们好')).toMatch(/^您好！我是问政智能助手/);
    expect(await citizen.say('今儿个就唠到这儿')).toBe('感谢您的使用，再见！有需要随时欢迎回来咨询。');
  });

  it('thanks and greets with politeness around the words (打扰了, 不好意思)', async () => {
    const citizen = citizenOf(app);
    expect(await citizen.say('不好意思 你好 想咨询点事')).toMatch(/^您好！我是问政智能助手/);
    expect(await citizen.say('打扰了 谢谢你们')).toBe('不客气！还有其他问题可以随时问我。');
  });

  it('takes a remark on how it answers as feedback, and a request with the citizen named before the act as one for a person', async () => {
    const citizen = citizenOf(app);
    await citizen.say('低保咋申请');
    expect(await citizen.say('提个意见 你们的回答太官腔')).toBe('抱歉没能帮到您。您可以换个说法再问一次，或回复"转人工"联系工作人员。');
    expect(await citizenOf(app).say('你们这都有些什么功能')).toMatch(/^我可以/);
    expect(await citizenOf(app).say('让客服帮我处理一下')).toMatch(/转接人工客服/);
  });

  it('reads "no sign at all" with 都 unsaid after 一点 or 半点: a wait, or the state of a filed complaint', async () => {
    const queued = citizenOf(app);
    await queued.say('转人工');
    expect(await queued.say('等了半天 半点动静没有')).toMatch(/排队/);
    expect(await citizenOf(app).say('投诉了半个月了 一点音信没有')).toMatch(/^您还没有提交过12345工单/);
  });

  it('says goodbye to a promise to come back and ask, and tells whether a person is at work on a day', async () => {
    expect(await citizenOf(app).say('改天有事再来请教您')).toBe('感谢您的使用，再见！有需要随时欢迎回来咨询。');
    expect(await citizenOf(app).say('礼拜六有客服上班吗')).toMatch(/^您现在没有在排队等待人工客服。人工服务时间为/);
  });
});
