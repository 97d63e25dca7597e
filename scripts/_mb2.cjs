const decided={type:'DEAL_AMENDED',data:{dealId:'abc-def-123',terms:[{key:'payment',amount:{value:'1000',unit:'USD',per:'MONTH'},date:null,days:null,text:null},{key:'ends_on',amount:null,date:'2029-05-01',days:null,text:null}],effectiveOn:'2026-05-01',reason:'Some reason here'},streamId:'abc-def-123',citations:[{sourceId:'src-1',quote:'a quote that is fairly long and contains words',locator:null,role:'PRIMARY'}],occurredOn:null};
const {randomUUID}=require('crypto');
const bench=(name,f)=>{for(let r=0;r<3;r++){const t=performance.now();let n=0;for(let i=0;i<100000;i++){n+=f(i)?1:0;}console.log(name,((performance.now()-t)*10).toFixed(0),'ns/op');}};
bench('roundtrip',()=>JSON.parse(JSON.stringify(decided)));
bench('roundtrip+spread',(i)=>({...JSON.parse(JSON.stringify(decided)),id:'x',position:String(i),version:3,schemaVersion:1,recordedAt:'2026-01-01T00:00:00.000Z',recordedBy:'me'}));
bench('roundtrip+assign',(i)=>Object.assign(JSON.parse(JSON.stringify(decided)),{id:'x',position:String(i),version:3,schemaVersion:1,recordedAt:'2026-01-01T00:00:00.000Z',recordedBy:'me'}));
bench('uuid',()=>randomUUID());
bench('iso',(i)=>new Date(1780000000000+i).toISOString());
