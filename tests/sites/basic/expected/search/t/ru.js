(window.digestSearch=window.digestSearch||[]).push(["t","ru",{"russia":[1,10,5],"russian":[0,14]}]);
