(window.digestSearch=window.digestSearch||[]).push(["t","wi",{"winner":[3],"wire":[0,6],"with":[12]}]);
