(window.digestSearch=window.digestSearch||[]).push(["t","be",{"became":[4],"been":[14],"began":[6],"beijing":[7],"belarus":[3,3]}]);
