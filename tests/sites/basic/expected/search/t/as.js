(window.digestSearch=window.digestSearch||[]).push(["t","as",{"astana":[5]}]);
