(window.digestSearch=window.digestSearch||[]).push(["t","me",{"meet":[7],"member":[4],"met":[0]}]);
