(window.digestSearch=window.digestSearch||[]).push(["t","in",{"in":[1,2,3,3,2,2,3],"inclusive":[12],"initiative":[11],"intelligence":[12],"international":[8],"into":[12],"investments":[12]}]);
