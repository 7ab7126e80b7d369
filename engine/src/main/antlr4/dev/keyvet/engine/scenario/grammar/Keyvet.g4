// The keyvet language: scenarios (a world of accounts, principals and keys), one-line queries
// about it, and suites of expected decisions. See docs/language.md.
grammar Keyvet;

// ---------------------------------------------------------------- files and lines

file        : item* EOF ;
queryLine   : query EOF ;

item
    : 'scenario' STRING                                          # useScenario
    | organization                                               # organizationItem
    | account                                                    # accountItem
    | expectation                                                # expectationItem
    ;

// ---------------------------------------------------------------- the world

organization : 'organization' name ('root' name)? '{' orgMember* '}' ;
orgMember    : attach | ou | account ;
ou           : 'ou' name STRING? '{' orgMember* '}' ;
attach       : kind=('scp' | 'rcp') policySource ;

account       : 'account' NUMBER STRING? ('{' accountMember* '}')? ;
accountMember : attach | user | role | key ;

user          : 'user' name ('{' principalMember* '}')? ;
role          : 'role' name ('{' (principalMember | session)* '}')? ;
principalMember
    : 'path' STRING                                              # pathMember
    | 'policy' policySource                                      # policyMember
    | 'boundary' policySource                                    # boundaryMember
    | tag                                                        # tagMember
    ;
session       : 'session' name ('{' sessionMember* '}')? ;
sessionMember
    : 'policy' policySource                                      # sessionPolicyMember
    | tag                                                        # sessionTagMember
    ;
tag           : 'tag' name '=' STRING ;

key           : 'key' name ('{' keyMember* '}')? ;
keyMember
    : 'id' STRING                                                # keyIdMember
    | 'region' name                                              # keyRegionMember
    | 'spec' name                                                # keySpecMember
    | 'usage' name                                               # keyUsageMember
    | 'origin' name                                              # keyOriginMember
    | 'multi-region' bool?                                       # keyMultiRegionMember
    | 'policy' policySource                                      # keyPolicyMember
    | 'alias' STRING                                             # keyAliasMember
    | 'replica' name ('{' ('policy' policySource)? '}')?          # keyReplicaMember
    | 'aws-managed'                                              # keyAwsManagedMember
    | tag                                                        # keyTagMember
    | grant                                                      # keyGrantMember
    ;
grant         : 'grant' name? 'to' principal 'operations' '[' name (',' name)* ','? ']'
                ('retiring' principal)? constraint? ;
constraint    : 'context' kind=('equals' | 'subset') '{' (contextPair (',' contextPair)* ','?)? '}' ;
contextPair   : name '=' STRING ;

policySource  : STRING | jsonObject ;

// ---------------------------------------------------------------- queries and expectations

expectation : 'expect' outcome STRING? ':'? query ;
outcome     : 'allow' | 'deny' | 'implicit' 'deny' | 'explicit' 'deny' | 'fails' ;

query
    : 'can' principal action 'on' keyRef clause*                 # canQuery
    | 'who' 'can' action 'on' keyRef clause*                     # whoCanQuery
    ;
clause
    : 'with' condition (',' condition)*                          # withClause
    | 'in' name                                                  # regionClause
    | 'via' name                                                 # viaClause
    ;
condition   : KEYNAME '=' value ;
value       : literal | '[' (literal (',' literal)* ','?)? ']' ;
literal     : STRING | NUMBER | DECIMAL | DATETIME | IPADDRESS | ARN | bool | name ;
bool        : 'true' | 'false' ;

principal
    : 'role' path                                                # rolePrincipal
    | 'user' path                                                # userPrincipal
    | 'session' path                                             # sessionPrincipal
    | 'account' NUMBER                                           # accountPrincipal
    | 'service' name                                             # servicePrincipal
    | ARN                                                        # arnPrincipal
    ;
path        : segment ('/' segment)* ;
segment     : NUMBER | name ;
action      : KEYNAME | name ;
keyRef      : 'key' (name | ARN | ALIAS) | ALIAS | ARN ;

name        : IDENT | STRING ;

// ---------------------------------------------------------------- inline JSON (policies)

jsonObject  : '{' (jsonMember (',' jsonMember)*)? '}' ;
jsonMember  : STRING ':' jsonValue ;
jsonArray   : '[' (jsonValue (',' jsonValue)*)? ']' ;
jsonValue   : STRING | NUMBER | DECIMAL | jsonObject | jsonArray | 'true' | 'false' | 'null' ;

// ---------------------------------------------------------------- tokens

ARN         : 'arn:' ~[ \t\r\n,{}()[\]"]+ ;
ALIAS       : 'alias/' [A-Za-z0-9/_-]+ ;
KEYNAME     : [A-Za-z]+ ':' [A-Za-z0-9_.:/+=@*-]+ ;
DATETIME    : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT
              ('T' DIGIT DIGIT ':' DIGIT DIGIT (':' DIGIT DIGIT ('.' DIGIT+)?)?
               ('Z' | [+-] DIGIT DIGIT ':' DIGIT DIGIT))? ;
IPADDRESS   : DIGIT+ '.' DIGIT+ '.' DIGIT+ '.' DIGIT+ ('/' DIGIT+)? ;
DECIMAL     : '-'? DIGIT+ '.' DIGIT+ ;
NUMBER      : '-'? DIGIT+ ;
STRING      : '"' (ESCAPE | ~["\\\r\n])* '"' ;
IDENT       : [A-Za-z_] [A-Za-z0-9_+.@-]* ;

LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n]+ -> channel(HIDDEN) ;
UNEXPECTED    : . ;

fragment ESCAPE : '\\' ( ["\\/bfnrt] | 'u' HEX HEX HEX HEX ) ;
fragment HEX    : [0-9a-fA-F] ;
fragment DIGIT  : [0-9] ;
