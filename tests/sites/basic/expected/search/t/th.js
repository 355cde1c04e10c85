(window.digestSearch=window.digestSearch||[]).push(["t","th",{"that":[10],"the":[2,2,2,2,3,2,2],"their":[0],"through":[14]}]);
