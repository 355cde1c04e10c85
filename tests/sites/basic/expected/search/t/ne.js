(window.digestSearch=window.digestSearch||[]).push(["t","ne",{"new":[6,8]}]);
