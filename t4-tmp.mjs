import {MongoClient, ObjectId} from 'mongodb';
const c = await MongoClient.connect(process.argv[2]);
const coll = c.db('t4').collection('x');
await coll.drop().catch(() => {});
await coll.createIndexes([{key: {a: 1}}, {key: {a: 1, b: -1}}, {key: {b: 1}}, {key: {'n.x': 1}}]);
await coll.insertMany([{_id: 0}, {_id: 1}, {_id: 2, a: [new Date(0)], b: [new ObjectId()]}]);
console.log(await coll.find({}).sort({a: -1}).toArray());
console.log(await coll.find({}).sort({a: 1}).toArray());
await c.close();
