(window.digestSearch=window.digestSearch||[]).push(["t","20",{"2022":[0,10],"2023":[10]}]);
