(window.digestSearch=window.digestSearch||[]).push(["t","le",{"leaders":[6],"left":[10],"let":[10]}]);
