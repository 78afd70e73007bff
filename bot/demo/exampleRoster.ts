// The Thurrock Community Safety Partnership board of 21 March 2024 (seed minutes), as a roster import
// would see it, with the attendance the minutes record. Emails are invented. Shipped for the local demo
// and the tests; the project never reads ../shared.

export const EXAMPLE_BOARD_NAME = "Thurrock Community Safety Partnership (example)";

export const EXAMPLE_ROSTER_CSV = `name,title,organisation,category,role,email,attendance
Jenny Barnett,Chief Superintendent,Essex Police,statutory,chair,jenny.barnett@example.org,attended
Michael Dineen,"Acting Director, Counter Fraud, Community Safety and Resilience",Thurrock Council,statutory,vice-chair,michael.dineen@example.org,attended
Martin Lucas,,The Probation Service,statutory,member,martin.lucas@example.org,apologies
Michelle Fraser,,The Probation Service,statutory,member,michelle.fraser@example.org,attended
Cllr G Collins,"Councillor representative, Police Crime Panel",Police Fire and Crime Panel,statutory,member,g.collins@example.org,apologies
Anthony Atkin,District Commander,Essex Police,statutory,member,anthony.atkin@example.org,attended
Mark Eaglestone,Group Commander,Essex County Fire and Rescue Service,statutory,member,mark.eaglestone@example.org,apologies
Cheryl Wells,"Head of Community Safety, Emergency Planning and Resilience",Thurrock Council,statutory,member,cheryl.wells@example.org,attended
Margaret Allen,,Mid and South Essex ICB,statutory,member,margaret.allen@example.org,
Cllr Jefferies,Portfolio Holder,Thurrock Council,statutory,member,cllr.jefferies@example.org,apologies
Russ Freeman,,Essex County Fire and Rescue Service,statutory,member,russ.freeman@example.org,apologies
Howard Oldstein,,Savills,non-statutory,member,howard.oldstein@example.org,attended
Ewelina Sorbjan,Assistant Director – Housing Management,Thurrock Council,non-statutory,member,ewelina.sorbjan@example.org,attended
Clare Moore,Head of Youth Offending Service and Prevention,Thurrock Council,non-statutory,member,clare.moore@example.org,apologies
Helen Forster,Head of Public Health,Thurrock Council,non-statutory,member,helen.forster@example.org,attended
Mark Tebbs,,Thurrock CVS,non-statutory,member,mark.tebbs@example.org,apologies
Shelia Coates,,SERICC,non-statutory,member,shelia.coates@example.org,apologies
Aliyah Monroe,,Department for Work and Pensions,non-statutory,member,aliyah.monroe@example.org,attended
Malcom Taylor,"Adults, Housing and Health",Thurrock Council,non-statutory,member,malcom.taylor@example.org,apologies
Simon Bell,"Chair of Thurrock Association of Secondary Schools, education lead",Thurrock Association of Secondary Schools,non-statutory,member,simon.bell@example.org,attended
Greg Myddelton,,"Police, Fire and Crime Commissioner",non-statutory,member,greg.myddelton@example.org,apologies
Jo Broadbent,Director of Public Health,Thurrock Council,non-statutory,member,jo.broadbent@example.org,apologies
Michelle Cunningham,Community Safety Partnership Manager,Thurrock Council,ex-officio,manager,michelle.cunningham@example.org,attended
`;
