(window.digestSearch=window.digestSearch||[]).push(["t","ta",{"talked":[6],"talks":[1],"tayyip":[0,10]}]);
